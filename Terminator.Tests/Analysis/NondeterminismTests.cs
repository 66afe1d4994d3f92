using Terminator.Core;
using Terminator.Tests.Api;
using Terminator.Core.Ir;
using Terminator.Frontend;
using Terminator.NUnit;

namespace Terminator.Tests.Analysis;

/// <summary>Non-termination whatever the nondeterministic choices: closed recurrent sets, shown as readable as they can be.</summary>
public sealed class NondeterminismTests
{
    private static No AnalyzeNo(string source, string function)
    {
        var result = TerminationAnalyzer.Analyze(SourceLoader.Parse(source, "nondet.c"), new AnalysisOptions { Function = function, Semantics = IntegerSemantics.Math });
        var verdict = result.Functions.Single().Verdict;
        Assert.That(verdict, Proved.DoesNotTerminate);
        return (No)verdict;
    }

    [TestCase("int choice(int x) { while (x > 0) { if (nondet()) { x = x + 1; } else { x = x + 2; } } return 0; }", "choice")]
    [TestCase("int draw(int x, int y) { while (x > 0) { y = nondet(); if (y > 0) { x = x + y; } else { x = x + 1; } } return 0; }", "draw")]
    [TestCase("int cycle(int x) { while (x != 0) { int d = nondet(); if (d > 0) { x = 1; } else { x = 2; } } return 0; }", "cycle")]
    public void EveryChoiceStaysInTheSameSimpleSet(string source, string function)
    {
        var witness = AnalyzeNo(source, function).Witness;
        Assert.That(witness.Kind, Is.EqualTo(WitnessKind.Nontermination));
        Assert.That(witness.RecurrentSet, Is.EqualTo(new AndCondition([AnswerValues.Bound("x", ComparisonOperator.Greater, 0)])));
    }
}
