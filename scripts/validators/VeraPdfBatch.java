// VeraPdfBatch: validate several PDFs against several veraPDF flavours in ONE Java run (the JVM start
// and profile loading cost more than a handout's validation), through the same processor API veraPDF's
// own command line uses; writes veraPDF's machine-readable report (MRR XML) per flavour.
//
// usage: java -cp <veraPDF engine + JAXB jars>:<classes> VeraPdfBatch REPORT_DIR FLAVOUR=FILE.pdf...
//        (FLAVOUR: ua1, 2u, 3u, 2b, ...; REPORT_DIR/FLAVOUR.xml holds that flavour's report)
//        java ... VeraPdfBatch --version
// exit: 0 every file processed (compliant or not: read the reports), 2 usage, 3 a file could not be processed.
import java.io.File;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.verapdf.ReleaseDetails;
import org.verapdf.features.FeatureFactory;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.metadata.fixer.FixerFactory;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.validation.validators.ValidatorConfig;
import org.verapdf.pdfa.validation.validators.ValidatorConfigBuilder;
import org.verapdf.processor.BatchProcessingHandler;
import org.verapdf.processor.BatchProcessor;
import org.verapdf.processor.FormatOption;
import org.verapdf.processor.ProcessorConfig;
import org.verapdf.processor.ProcessorFactory;
import org.verapdf.processor.TaskType;
import org.verapdf.processor.plugins.PluginsCollectionConfig;
import org.verapdf.processor.reports.BatchSummary;

public final class VeraPdfBatch {
    private VeraPdfBatch() {
    }

    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        ReleaseDetails.addDetailsFromResource(
                ReleaseDetails.APPLICATION_PROPERTIES_ROOT + "validation-model." + ReleaseDetails.PROPERTIES_EXT);
        if (args.length == 1 && args[0].equals("--version")) {
            for (ReleaseDetails d : ReleaseDetails.getDetails()) {
                System.out.println(d.getId() + " " + d.getVersion());
            }
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: VeraPdfBatch REPORT_DIR FLAVOUR=FILE.pdf...");
            System.exit(2);
        }
        File reports = new File(args[0]);
        reports.mkdirs();
        Map<String, List<File>> jobs = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                System.err.println("expected FLAVOUR=FILE, got " + args[i]);
                System.exit(2);
            }
            File f = new File(args[i].substring(eq + 1));
            if (!f.isFile()) {
                System.err.println("not a file: " + f);
                System.exit(2);
            }
            jobs.computeIfAbsent(args[i].substring(0, eq), k -> new ArrayList<>()).add(f);
        }
        boolean failed = false;
        for (Map.Entry<String, List<File>> job : jobs.entrySet()) {
            PDFAFlavour flavour = PDFAFlavour.fromString(job.getKey());
            if (flavour == null || flavour == PDFAFlavour.NO_FLAVOUR) {
                System.err.println("unknown flavour '" + job.getKey() + "'; known: " + PDFAFlavour.getFlavourIds());
                System.exit(2);
            }
            ValidatorConfig validatorConfig = new ValidatorConfigBuilder().flavour(flavour).recordPasses(false)
                    .maxFails(-1).showErrorMessages(true).maxNumberOfDisplayedFailedChecks(20).build();
            ProcessorConfig config = ProcessorFactory.fromValues(validatorConfig, FeatureFactory.defaultConfig(),
                    PluginsCollectionConfig.defaultConfig(), FixerFactory.defaultConfig(),
                    EnumSet.of(TaskType.VALIDATE));
            BatchSummary summary;
            try (PrintStream out = new PrintStream(new FileOutputStream(new File(reports, job.getKey() + ".xml")),
                    false, "UTF-8");
                 BatchProcessor processor = ProcessorFactory.fileBatchProcessor(config)) {
                BatchProcessingHandler handler = ProcessorFactory.getHandler(FormatOption.MRR, true, out, false);
                summary = processor.process(job.getValue(), handler);
            }
            failed |= summary.getFailedParsingJobs() > 0 || summary.getVeraExceptions() > 0
                    || summary.getFailedEncryptedJobs() > 0 || summary.getOutOfMemory() > 0;
        }
        System.exit(failed ? 3 : 0);
    }
}
