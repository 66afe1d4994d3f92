using System.Collections.Immutable;
using Terminator.Core;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Analysis;

/// <summary>What the tests that hand certificates to the checker share: a checker for one function, and its one loop.</summary>
internal static class CheckerHarness
{
    /// <summary>A checker for <paramref name="function"/> of <paramref name="source"/>, read as the language of <paramref name="fileName"/>.</summary>
    public static CertificateChecker Checker(string source, string fileName, string function, IntegerSemantics semantics)
    {
        var program = SourceLoader.Parse(source, fileName);
        return new CertificateChecker(program, program.Find(function)!, semantics, new Dictionary<string, bool>(), TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    /// <summary>The only loop head of <paramref name="ts"/> and the transitions that go from it back to it.</summary>
    public static (int Head, ImmutableSortedSet<int> Loop) SingleLoop(TransitionSystem ts)
    {
        var head = ts.Cutpoints.Single(c => c.Kind == NodeKind.LoopHead).Id;
        return (head, ts.Transitions.Where(t => t.From == head && t.To == head).Select(t => t.Id).ToImmutableSortedSet());
    }
}
