using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Analysis;

/// <summary>Turns checked proofs and witnesses into the results people read: per-loop certificates and witnesses.</summary>
internal static class CertificateRendering
{
    /// <summary>The certificate of a checked termination proof: per loop head, its invariant and its ranking arguments.</summary>
    public static TerminationCertificate Certify(AnalysisContext context, InvariantSupply invariants, TerminationProof proof)
    {
        var ts = context.System;
        var names = new ReadableNames(ts);
        var loops = ImmutableArray.CreateBuilder<LoopProof>();
        foreach (var head in ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead))
        {
            var ranking = proof.Arguments.Select(a => Render(ts, names, a, head.Id)).FirstOrDefault(r => r is not null);
            loops.Add(new LoopProof(head.Span, Invariant(context, invariants, names, proof.Invariants, head.Id), ranking));
        }

        var notes = ImmutableArray.CreateBuilder<string>();
        if (ts.Transitions.Any(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour))
        {
            notes.Add(proof.AssumesNoUndefinedBehaviour
                ? "covers only the runs that avoid undefined behaviour: each run ends at its first undefined behaviour"
                : "no undefined behaviour is reachable (checked against the invariants)");
        }

        foreach (var (name, value) in context.Facts)
        {
            notes.Add($"relies on terminates({name}) = {(value ? "true" : "false")}");
        }

        foreach (var order in context.System.Variables.Select(v => v.Name).Where(Lowering.IsRecordOrder))
        {
            notes.Add($"{order} is 1 while every store into the field has kept its allocation order (see the invariants)");
        }

        notes.AddRange(SummaryNotes(context));

        return new TerminationCertificate(loops.ToImmutable(), notes.ToImmutable()) { AssumesNoUndefinedBehaviour = proof.AssumesNoUndefinedBehaviour };
    }

    /// <summary>
    /// The checked return-value summaries that the proof assumes at recursive calls, one note each, with the result
    /// written as the call (<c>f(n) >= 91</c>).
    /// </summary>
    public static IEnumerable<string> SummaryNotes(AnalysisContext context)
    {
        foreach (var summary in context.Summaries?.Assumed.Items ?? [])
        {
            var parameters = context.Program.Find(summary.Function)!.Parameters.Select(p => p.Name);
            var call = new Var($"{summary.Function}({string.Join(", ", parameters)})");
            var text = Display.Conjunction(LogicOps.Substitute(summary.Relation, v => v.Name == ReturnSummaries.Result ? call : null), name => name);
            yield return $"relies on what every call of {summary.Function} returns: {text} (checked by induction on the calls)";
        }
    }

    /// <summary>The evidence of a checked proof that no undefined behaviour is reachable: its invariant at each loop head.</summary>
    public static UndefinedBehaviourUnreachable Unreachable(AnalysisContext context, InvariantSupply invariants, ImmutableDictionary<int, Formula> proof)
    {
        var ts = context.System;
        var names = new ReadableNames(ts);
        var operations = ts.Transitions.Count(t => ts.Cutpoint(t.To).Kind == NodeKind.UndefinedBehaviour);
        return operations == 0
            ? new UndefinedBehaviourUnreachable([], "no operation of the function can have undefined behaviour")
            : new UndefinedBehaviourUnreachable(
                [.. ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(head => new LoopInvariant(head.Span, Invariant(context, invariants, names, proof, head.Id)))],
                "the invariants exclude undefined behaviour at every operation that could have it (checked)");
    }

    /// <summary>The invariant of <paramref name="proof"/> at <paramref name="head"/>, without implied conjuncts and type bounds.</summary>
    private static AndCondition Invariant(AnalysisContext context, InvariantSupply invariants, ReadableNames names, ImmutableDictionary<int, Formula> proof, int head) =>
        Display.Conjunction(invariants.WithoutImpliedConjuncts(proof.GetValueOrDefault(head) ?? Formula.True), names.Apply, a => IsTypeBound(context, a));

    /// <summary>What <paramref name="argument"/> says about the loop at <paramref name="head"/>, if anything: one case per kind of argument.</summary>
    private static LoopRanking? Render(TransitionSystem ts, ReadableNames names, TerminationArgument argument, int head) => argument switch
    {
        LexicographicArgument lexicographic => Lexicographic(ts, names, lexicographic.Ranking, head).ToImmutableArray() is { IsEmpty: false } components
            ? new LexicographicLoopRanking(components)
            : null,
        SquaredArgument squared when squared.Location == head =>
            new TwoIterationLoopRanking([.. Functions(names, squared.Ranking, n => [n.Component.Function[head]]).Distinct()]),
        MultiphaseArgument phases when phases.Location == head => new MultiphaseLoopRanking([.. phases.Functions.Select(f => Display.Linear(f, names.Apply))]),
        RegionArgument regions when regions.Location == head => new RegionLoopRanking([.. regions.Ranking.Select(node => Region(ts, names, regions, node))]),
        DisjunctiveArgument disjunctive when disjunctive.Location == head => new TransitionInvariantLoopRanking(
            [.. disjunctive.Functions.Zip(disjunctive.Guards, (f, g) => new RankingCase(Display.Linear(f, names.Apply), g is BoolConst { Value: true } ? null : Display.Conjunction(g, names.Apply)))]),
        _ => null,
    };

    /// <summary>The components of a lexicographic ranking function at <paramref name="head"/>, most significant first.</summary>
    private static IEnumerable<LinearFunction> Lexicographic(TransitionSystem ts, ReadableNames names, RankingNode node, int head)
    {
        if (node.Component.Function.TryGetValue(head, out var f) && node.Transitions.Any(id => ts.Transitions[id].From == head))
        {
            yield return Display.Linear(f, names.Apply);
        }

        foreach (var line in node.Children.SelectMany(child => Lexicographic(ts, names, child, head)))
        {
            yield return line;
        }
    }

    private static RankedRegion Region(TransitionSystem ts, ReadableNames names, RegionArgument regions, RankingNode node)
    {
        var region = Partition.Region(regions.Predicates, node.Component.Function.Keys.Min() - Partition.RegionLocation(ts, 0));
        return new RankedRegion(Display.Conjunction(region, names.Apply), [.. Functions(names, [node], n => n.Component.Function.Values).Distinct()]);
    }

    /// <summary>The functions <paramref name="of"/> every node of the ranking trees, depth first.</summary>
    private static IEnumerable<LinearFunction> Functions(ReadableNames names, IEnumerable<RankingNode> nodes, Func<RankingNode, IEnumerable<LinearExpr>> of) =>
        nodes.SelectMany(n => of(n).Select(f => Display.Linear(f, names.Apply)).Concat(Functions(names, n.Children, of)));

    /// <summary>The witness of a No, with the recurrent set at <paramref name="head"/> shown without its type bounds.</summary>
    public static NonterminationWitness Witness(AnalysisContext context, WitnessKind kind, ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws, int? head, RecurrentSet? set, SourceSpan? ubAt, string explanation)
    {
        var ts = context.System;
        return new(
            kind,
            Inputs(context, inputs),
            draws,
            head is { } h ? ts.Cutpoint(h).Span : null,
            head is { } h2 && set is not null ? Display.Conjunction(set.Sets[h2], new ReadableNames(ts).Apply, a => IsTypeBound(context, a)) : null,
            ubAt,
            explanation)
        {
            NondetOrigins = draws.IsEmpty ? [] : Origins(context, inputs, draws),
        };
    }

    /// <summary>How many steps the replay that names the nondeterministic values of a witness may take.</summary>
    private const long OriginReplaySteps = 100_000;

    /// <summary>Where each nondeterministic value of a witness is drawn, from a short replay of its run.</summary>
    /// <remarks>The witness is already checked: a replay cut short by the budget names fewer values, never changes the answer.</remarks>
    public static EquatableArray<NondetOrigin> Origins(AnalysisContext context, ImmutableArray<BigInteger> inputs, ImmutableArray<BigInteger> draws)
    {
        try
        {
            return Interpretation.Interpreter.Run(context.Program, context.Function.Name, inputs, draws, new Interpretation.InterpreterOptions
            {
                Semantics = context.Program.Language == SourceLanguage.Python ? IntegerSemantics.Math : context.Semantics,
                StepLimit = OriginReplaySteps,
                TerminationFacts = context.Facts,
                CancellationToken = context.BudgetToken,
            }).NondetOrigins;
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>The parameters' names paired with the values of an input.</summary>
    public static ImmutableArray<InputValue> Inputs(AnalysisContext context, IEnumerable<BigInteger> inputs) =>
        [.. context.System.Parameters.Zip(inputs, (p, v) => new InputValue(p.Name, v) { IsPointer = p.Object is not null })];

    /// <summary>The undefined behaviour at the targets of <paramref name="transitions"/>, for a reason.</summary>
    public static string DescribeUb(AnalysisContext context, IEnumerable<Transition> transitions) =>
        string.Join(", ", transitions.Select(t => context.System.Cutpoint(t.To)).Select(c => $"{c.Description} at {c.Span}").Distinct());

    /// <summary>
    /// True for an atom that every state satisfies because of the variables' types alone (such as x + y ≤ 4294967294
    /// for two ints): it says nothing, so certificates leave it out. Decided by interval arithmetic over the ranges.
    /// </summary>
    private static bool IsTypeBound(AnalysisContext context, Formula atom)
    {
        if (atom is not Cmp)
        {
            return false;
        }

        List<ImmutableList<LinearConstraint>> dnf;
        try
        {
            dnf = new Linearizer("$range").Dnf(atom);
        }
        catch (NotLinearizableException)
        {
            return false;
        }

        var types = context.System.Variables.ToDictionary(v => v.Name, v => context.Rules.Effective(v.Type));
        return dnf.Count == 1 && dnf[0].All(c =>
        {
            // Σ aᵢxᵢ + k ≤ 0 holds everywhere when its maximum over the type ranges is ≤ 0.
            var maximum = c.Expr.Constant;
            foreach (var (name, coefficient) in c.Expr.Coefficients)
            {
                if (!types.TryGetValue(name, out var type) || !type.IsMachineInteger)
                {
                    return false;
                }

                maximum += coefficient * (coefficient.Sign > 0 ? IntegerRules.Max(type) : IntegerRules.Min(type));
            }

            return maximum.Sign <= 0;
        });
    }
}
