package org.causalheads.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.causalheads.attention.AscentConfig;
import org.causalheads.info.FDivergence;
import org.causalheads.info.KgForm;
import org.causalheads.info.Objective;
import org.causalheads.kgmi.Experiment;
import org.causalheads.kgmi.Problem;
import org.causalheads.kgmi.ExperimentResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: one experiment, printed as JSON. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train K-head attention on KG-MI (or plain MI) for one problem; print a JSON result.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ProblemOptions problem;

    @Option(names = "--f", defaultValue = "KL", description = "f-divergence: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    FDivergence f;

    @Option(names = "--form", defaultValue = "VARIATIONAL", description = "VARIATIONAL or PLUG_IN (default ${DEFAULT-VALUE})")
    KgForm form;

    @Option(names = "--objective", defaultValue = "KG_MI", description = "KG_MI or PLAIN_MI (default ${DEFAULT-VALUE})")
    Objective objective;

    @Option(names = "--n", description = "sampled sequences (omit for exact population values)")
    Integer n;

    @Option(names = "--sample-seed", defaultValue = "" + Experiment.DEFAULT_SAMPLE_SEED, description = "seed of the samples (default ${DEFAULT-VALUE})")
    long sampleSeed;

    @Option(names = "--eta", defaultValue = "" + AscentConfig.DEFAULT_ETA, description = "step size (default ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--max-epochs", defaultValue = "" + AscentConfig.DEFAULT_MAX_EPOCHS, description = "epoch budget (default ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--eps-attn", defaultValue = "" + AscentConfig.DEFAULT_EPS_ATTN, description = "stopping threshold (default ${DEFAULT-VALUE})")
    double epsAttn;

    @Option(names = "--write-spec", description = "also write the problem as a JSON spec here")
    Path writeSpec;

    @Override
    public Integer call() throws Exception {
        if (n != null) {
            Checks.atLeast("--n", n, 1);
        }
        Checks.positive("--eta", eta);
        Checks.atLeast("--max-epochs", maxEpochs, 1);
        Checks.openUnit("--eps-attn", epsAttn);
        if (writeSpec != null) {
            Checks.writable("--write-spec", writeSpec);
        }
        Problem p = problem.build(n == null ? 0 : n);
        if (writeSpec != null) {
            p.writeSpec(writeSpec);
        }
        Experiment e = Experiment.on(p).divergence(f).form(form).objective(objective).sampleSeed(sampleSeed)
                .train(AscentConfig.defaults().withEta(eta).withMaxEpochs(maxEpochs).withEpsAttn(epsAttn));
        if (n != null) {
            e = e.samples(n);
        }
        ExperimentResult r = e.run();
        System.out.println(r.toJson());
        return 0;
    }
}
