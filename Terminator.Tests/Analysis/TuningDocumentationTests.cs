using System.Globalization;
using System.Text.RegularExpressions;
using Terminator.Core;

namespace Terminator.Tests.Analysis;

/// <summary>The README's description of the prover states the numbers of <see cref="ProverTuning.Default"/>.</summary>
public sealed class TuningDocumentationTests
{
    private static string Readme() =>
        Regex.Replace(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), @"\s+", " ");

    [Test]
    public void TheReadmeStatesTheDefaultSearchDepthsAndBudgets()
    {
        var tuning = ProverTuning.Default.Nontermination;
        var readme = Readme();
        string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(readme, Does.Contain($"lassos of up to {tuning.LassoDepth} steps after the costliest ranking techniques and then of up to {tuning.DeepLassoDepth}"));
            Assert.That(readme, Does.Contain($"closed recurrent sets containing a deep reachable state, with a budget of {Seconds(tuning.DeepRecurrenceBudget)} s"));
        });
    }
}
