using System.Collections.Immutable;
using System.Diagnostics;
using System.Numerics;
using Terminator.Core.Certificates;
using Terminator.Core.Cfg;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Core.Analysis;

/// <summary>
/// Return-value summaries for the recursive functions that an analyzed function reaches, found by candidate
/// elimination (Houdini) over the functions' summary-check graphs (<see cref="Lowering.LowerSummaryCheck"/>).
/// </summary>
/// <remarks>
/// Candidates, over the parameters p and the result r of a function: lower and upper bounds of r, r − p and r + p,
/// unconditional and under each comparison of parameters that the function's conditions contain (g → t ≥ c, and the
/// same under ¬g). The constants are the extremes of these terms over sampling runs of the function on small
/// arguments and on the constants of its body and their neighbours, so every candidate holds of every sample. A round
/// assumes the conjunction of each function's remaining candidates at every recursive call's return, infers loop
/// invariants of each check graph by candidate elimination, and drops the candidates that some path into the exit
/// violates (read off the solver's models). When a round drops nothing, the conjunctions are inductive together; the
/// independent check (<see cref="ReturnSummaryCheck"/>) confirms them before they are used.
/// </remarks>
internal sealed class ReturnSummaryInference
{
    /// <summary>A candidate: <see cref="Bound"/>, under <see cref="Guard"/> when there is one.</summary>
    private sealed record Candidate(Formula? Guard, Formula Bound)
    {
        public Formula Formula { get; } = Guard is null ? Bound : Formula.Or(Guard.Negate(), Bound);
    }

    private readonly ProgramIr program;
    private readonly IntegerSemantics semantics;
    private readonly IReadOnlyDictionary<string, bool> facts;
    private readonly ProverTuning tuning;
    private readonly IntegerRules rules;
    private readonly CancellationToken cancellationToken;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan budget;

    private ReturnSummaryInference(ProgramIr program, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, ProverTuning tuning, TimeSpan budget, CancellationToken cancellationToken)
    {
        this.program = program;
        this.semantics = semantics;
        this.facts = facts;
        this.tuning = tuning;
        this.budget = budget;
        this.cancellationToken = cancellationToken;
        rules = new IntegerRules(program.Language, semantics);
    }

    /// <summary>
    /// Checked summaries of the recursive functions that <paramref name="function"/> reaches, or null when there are
    /// none, none is found within <paramref name="budget"/>, or their check fails.
    /// </summary>
    public static ReturnSummaryProof? Infer(ProgramIr program, FunctionDecl function, IntegerSemantics semantics, IReadOnlyDictionary<string, bool> facts, ProverTuning tuning, SolverClock solverClock, TimeSpan budget, CancellationToken cancellationToken)
    {
        var recursive = RecursiveFunctions(program, function);
        if (recursive.Count == 0)
        {
            return null;
        }

        var share = budget > TimeSpan.Zero && budget < tuning.Summaries.Budget ? budget / 4 : tuning.Summaries.Budget;
        var inference = new ReturnSummaryInference(program, semantics, facts, tuning, share, cancellationToken);
        using var smt = new SmtContext(solverClock, cancellationToken);
        var proof = inference.Run(recursive, smt);
        if (proof is null)
        {
            return null;
        }

        proof = inference.Weaken(function, proof);

        // Only what the independent check confirms is handed on (the checker confirms it again before using it).
        return ReturnSummaryCheck.Check(program, semantics, facts, proof, smt, tuning.Queries.NonlinearQueryCap, cancellationToken) is null ? proof : null;
    }

    /// <summary>
    /// <paramref name="proof"/>, or when its summaries' cases make a path between loop heads of
    /// <paramref name="function"/> split into more cases than the linear provers take, the same proof with calls
    /// assuming only each summary's unconditional bounds.
    /// </summary>
    private ReturnSummaryProof Weaken(FunctionDecl function, ReturnSummaryProof proof)
    {
        var ts = BlockEncoding.Encode(Lowering.Lower(program, function, semantics, facts, proof.Summaries), rules, cancellationToken);
        var heads = ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(c => c.Id).ToHashSet();
        foreach (var t in ts.Transitions.Where(t => heads.Contains(t.From) && heads.Contains(t.To)))
        {
            try
            {
                _ = new Linearizer("$w_").Dnf(t.Relation);
            }
            catch (NotLinearizableException)
            {
                var unconditional = proof.Summaries.Items
                    .Select(s => s with { Relation = Formula.And(Invariants.Conjuncts(s.Relation).Where(c => c is not OrF)) })
                    .Where(s => s.Relation is not BoolConst);
                return proof with { Weakened = new ReturnSummaries([.. unconditional]) };
            }
        }

        return proof;
    }

    /// <summary>The functions reached from <paramref name="function"/> that lie on a call cycle and return an integer, with no pointer parameters (into arrays or to records).</summary>
    private static List<FunctionDecl> RecursiveFunctions(ProgramIr program, FunctionDecl function)
    {
        var reached = program.Callees(function.Name);
        reached.Add(function.Name);
        return [.. program.Functions.Where(f =>
            reached.Contains(f.Name) && program.Callees(f.Name).Contains(f.Name) && f.ReturnType.Kind != TypeKind.Void
            && f.Parameters.All(p => p.PointsInto is null && p.PointsToRecord is null))];
    }

    private bool OutOfTime => clock.Elapsed > budget;

    private TimeSpan QueryTimeout()
    {
        var left = budget - clock.Elapsed;
        var cap = tuning.Queries.LinearQueryCap;
        return left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left < cap ? left : cap;
    }

    private ReturnSummaryProof? Run(List<FunctionDecl> functions, SmtContext smt)
    {
        var candidates = new Dictionary<string, List<Candidate>>();
        foreach (var f in functions)
        {
            var found = Candidates(f);
            if (found.Count > 0)
            {
                candidates[f.Name] = found;
            }
        }

        while (candidates.Count > 0 && !OutOfTime)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = Current(candidates);
            var evidence = new List<SummaryEvidence>();
            var changed = false;
            foreach (var f in functions.Where(f => candidates.ContainsKey(f.Name)))
            {
                var (dropped, invariants) = Eliminate(f, candidates[f.Name], current, smt);
                changed |= dropped;
                evidence.Add(new SummaryEvidence(f.Name, [.. invariants.OrderBy(p => p.Key).Select(p => new LoopHeadInvariant(p.Key, p.Value))]));
                if (candidates[f.Name].Count == 0)
                {
                    candidates.Remove(f.Name);
                }

                if (OutOfTime)
                {
                    return null;
                }
            }

            if (!changed)
            {
                // The same summaries, written without implied conjuncts and with the bounds under each condition
                // together, so that a path that assumes one splits into few cases.
                var compact = new ReturnSummaries([.. current.Items.Select(s => s with { Relation = Compact(functions.First(f => f.Name == s.Function), candidates[s.Function], smt) })]);
                return new ReturnSummaryProof(compact, [.. evidence]);
            }
        }

        return null;
    }

    private static ReturnSummaries Current(Dictionary<string, List<Candidate>> candidates) =>
        new([.. candidates.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ReturnSummary(p.Key, Formula.And(p.Value.Select(c => c.Formula))))]);

    /// <summary>
    /// The conjunction of <paramref name="kept"/> without the candidates that the others imply (within the types'
    /// ranges; guarded ones go first), each condition's bounds joined: (g ∧ A) ∨ (¬g ∧ B) for (g → A) ∧ (¬g → B).
    /// The result is equivalent to the conjunction.
    /// </summary>
    private Formula Compact(FunctionDecl function, List<Candidate> kept, SmtContext smt)
    {
        var ranges = program.Language == SourceLanguage.Python
            ? Formula.True
            : Formula.And([
                .. function.Parameters.Select(p => rules.DrawRange(new Var(p.Name), p.Type)),
                rules.DrawRange(new Var(ReturnSummaries.Result), function.ReturnType)]);
        var left = kept.OrderBy(c => c.Guard is null ? 1 : 0).ToList();
        using (var session = smt.OpenSolver(QueryTimeout()))
        {
            foreach (var c in left.ToList())
            {
                var others = left.Where(o => o != c).Select(o => o.Formula);
                session.Push();
                session.Assert(ranges);
                session.Assert(Formula.And(others));
                var implied = session.Check(c.Formula.Negate()) == SatResult.Unsat;
                session.Pop();
                if (implied)
                {
                    left.Remove(c);
                }
            }
        }

        Formula Canonical(Formula g) => string.CompareOrdinal(g.ToString(), g.Negate().ToString()) <= 0 ? g : g.Negate();
        var parts = left.Where(c => c.Guard is null).Select(c => c.Bound).ToList();
        foreach (var group in left.Where(c => c.Guard is not null).GroupBy(c => Canonical(c.Guard!)))
        {
            var when = group.Where(c => c.Guard == group.Key).Select(c => c.Bound).ToList();
            var otherwise = group.Where(c => c.Guard != group.Key).Select(c => c.Bound).ToList();
            parts.Add(when.Count > 0 && otherwise.Count > 0
                ? Formula.Or(Formula.And(group.Key, Formula.And(when)), Formula.And(group.Key.Negate(), Formula.And(otherwise)))
                : when.Count > 0 ? Formula.Or(group.Key.Negate(), Formula.And(when)) : Formula.Or(group.Key, Formula.And(otherwise)));
        }

        return Formula.And(parts);
    }

    /// <summary>
    /// Drops from <paramref name="remaining"/> the candidates that a path into the exit of <paramref name="function"/>'s
    /// check graph violates, under loop invariants found by candidate elimination; returns whether any was dropped.
    /// </summary>
    private (bool Dropped, Dictionary<int, Formula> Invariants) Eliminate(FunctionDecl function, List<Candidate> remaining, ReturnSummaries current, SmtContext smt)
    {
        var ts = BlockEncoding.Encode(Lowering.LowerSummaryCheck(program, function, semantics, facts, current), rules, cancellationToken);
        var heads = ts.Cutpoints.Where(c => c.Kind == NodeKind.LoopHead).Select(c => c.Id).ToList();
        var invariants = heads.Count == 0
            ? []
            : Invariants.Infer(ts, heads, Invariants.Candidates(ts, rules, tuning.Invariants.OrderingPairLimit), smt, QueryTimeout);
        Formula Pre(int cutpoint) => cutpoint == ts.Entry ? ts.Initial : invariants.GetValueOrDefault(cutpoint) ?? Formula.True;
        var parameters = function.Parameters.Select(p => p.Name).ToList();
        var entryValues = parameters.Select(p => (Term)TransitionSystem.Post(ReturnSummaries.EntryValue(p))).ToList();
        var returned = TransitionSystem.Post(ts.ReturnVariable!);
        var atExit = remaining.ToDictionary(c => c, c => ReturnSummaries.Instantiate(c.Formula, parameters, entryValues, returned));

        var before = remaining.Count;
        using var session = smt.OpenSolver(QueryTimeout());
        foreach (var t in ts.Transitions.Where(t => t.To == ts.Exit))
        {
            session.Push();
            session.Assert(Pre(t.From));
            session.Assert(t.Relation);
            while (remaining.Count > 0)
            {
                var result = session.Check(Formula.And(remaining.Select(c => atExit[c])).Negate());
                if (result == SatResult.Unsat)
                {
                    break;
                }

                var model = result == SatResult.Sat ? session.GetModel() : null;
                if (model is null || remaining.RemoveAll(c => !model.Evaluate(atExit[c])) == 0)
                {
                    // Undecided, or a model that separates nothing: nothing of this function's summary is kept.
                    remaining.Clear();
                }
            }

            session.Pop();
        }

        return (remaining.Count != before, invariants);
    }

    /// <summary>The candidate summaries of <paramref name="function"/>, each true of every sampling run that returned.</summary>
    private List<Candidate> Candidates(FunctionDecl function)
    {
        var samples = Samples(function);
        if (samples.Count == 0)
        {
            return [];
        }

        var parameters = function.Parameters.Select(p => p.Name).ToList();
        var result = new Var(ReturnSummaries.Result);
        var terms = new List<Term> { result };
        foreach (var p in parameters)
        {
            terms.Add(new Arith(ArithOp.Sub, result, new Var(p)));
            terms.Add(new Arith(ArithOp.Add, result, new Var(p)));
        }

        // Comparisons of parameters alone in the function's conditions, read off its check graph.
        var check = BlockEncoding.Encode(Lowering.LowerSummaryCheck(program, function, semantics, facts, ReturnSummaries.None), rules, cancellationToken);
        var guards = check.SourceConditions
            .SelectMany(Invariants.Atoms)
            .Where(a => a is Cmp && LogicOps.Vars(a).Count > 0 && LogicOps.Vars(a).All(v => parameters.Contains(v.Name)))
            .DistinctBy(a => string.CompareOrdinal(a.ToString(), a.Negate().ToString()) <= 0 ? a : a.Negate())
            .ToList();

        var found = new List<Candidate>();
        void Bounds(Formula? condition, List<Dictionary<string, BigInteger>> under)
        {
            if (under.Count == 0)
            {
                return;
            }

            foreach (var term in terms)
            {
                var values = under.Select(s => LogicOps.Evaluate(term, s)).OfType<BigInteger>().ToList();
                if (values.Count < under.Count)
                {
                    continue;
                }

                foreach (var bound in new[] { Formula.Ge(term, new Const(values.Min())), Formula.Le(term, new Const(values.Max())) })
                {
                    found.Add(new Candidate(condition, bound));
                }
            }
        }

        Bounds(null, samples);
        foreach (var g in guards)
        {
            foreach (var condition in new[] { g, g.Negate() })
            {
                Bounds(condition, [.. samples.Where(s => LogicOps.Evaluate(condition, s) == true)]);
            }
        }

        return [.. found.Distinct()];
    }

    /// <summary>The parameters and result (<see cref="ReturnSummaries.Result"/>) of sampling runs of <paramref name="function"/> that returned.</summary>
    private List<Dictionary<string, BigInteger>> Samples(FunctionDecl function)
    {
        var bound = tuning.Summaries.SmallArgumentBound;
        // Small values first (0, 1, -1, 2, ...), then the constants of the body and their neighbours.
        var values = new List<BigInteger>();
        values.Add(0);
        for (var v = 1; v <= bound; v++)
        {
            values.Add(v);
            values.Add(-v);
        }

        foreach (var literal in IrWalker.Expressions(function.Body).OfType<IntLiteral>().Where(l => BigInteger.Abs(l.Value) <= 1_000_000))
        {
            values.Add(literal.Value - 1);
            values.Add(literal.Value);
            values.Add(literal.Value + 1);
        }

        var perParameter = function.Parameters
            .Select(p => values.Distinct().Where(v => program.Language == SourceLanguage.Python || (v >= IntegerRules.Min(p.Type) && v <= IntegerRules.Max(p.Type))).ToList())
            .ToList();
        var samples = new List<Dictionary<string, BigInteger>>();
        var random = new Random(20261204);
        var total = perParameter.Aggregate(BigInteger.One, (n, vs) => n * vs.Count);
        var runs = total <= tuning.Summaries.SampleRuns ? (int)total : tuning.Summaries.SampleRuns;
        var options = new InterpreterOptions
        {
            Semantics = program.Language == SourceLanguage.Python ? IntegerSemantics.Math : semantics,
            StepLimit = tuning.Summaries.SampleStepLimit,
            TerminationFacts = facts,
            CancellationToken = cancellationToken,
        };
        // Sampling may take half of the budget; the candidates need the rest.
        for (var i = 0; i < runs && clock.Elapsed < budget / 2; i++)
        {
            // Every combination when they are few; otherwise random ones (with a fixed seed).
            var inputs = new List<BigInteger>();
            var index = i;
            foreach (var vs in perParameter)
            {
                inputs.Add(total <= tuning.Summaries.SampleRuns ? vs[index % vs.Count] : vs[random.Next(vs.Count)]);
                index /= Math.Max(1, vs.Count);
            }

            if (Interpreter.Run(program, function.Name, inputs, [], options).Outcome is Returned { Value: { } value })
            {
                var sample = new Dictionary<string, BigInteger> { [ReturnSummaries.Result] = value };
                for (var k = 0; k < inputs.Count; k++)
                {
                    sample[function.Parameters[k].Name] = inputs[k];
                }

                samples.Add(sample);
            }
        }

        return samples;
    }
}
