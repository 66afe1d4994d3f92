using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

internal static partial class Interpreter
{
    /// <summary>
    /// Exact fast-forwarding of translation loops, so that a run reaches what lies 10⁹ iterations away (a signed
    /// overflow for <c>n = INT_MAX</c> in <c>for (i = 0; i &lt; n; i += 2)</c>) without taking those iterations.
    /// <para>
    /// A loop qualifies when its condition is a conjunction of comparisons (<c>&lt; &lt;= &gt; &gt;= ==</c>) of affine
    /// expressions (variables, literals, <c>+</c>, <c>-</c>, products with a literal) over signed or unbounded
    /// integers, and its body and step only add literals to variables of at least <c>int</c>'s rank
    /// (<c>i += 2</c>, <c>i = i - 1</c>, <c>i++</c>). Then one iteration from the loop head moves every variable by
    /// the same amount d whatever the state, and from the state s + j·d every value it computes is an affine
    /// function of j. Each thing that can go wrong in an iteration (the condition is false, a result is outside its
    /// type) holds on a convex set of j: a half-line or an interval, or a point for <c>==</c>. So the iterations that
    /// go through from s + j·d form an interval of j, and when the iterations from s and from s + J·d both go
    /// through, so does every one between. The interpreter runs the iteration from s concretely, finds the largest
    /// such J by running single iterations from s + J·d (doubling, then bisecting), and continues from
    /// s + (J + 1)·d: the very state the skipped iterations reach, with nothing skipped that could have stopped the run.
    /// </para>
    /// </summary>
    private sealed partial class Machine
    {
        /// <summary>Loops with fewer iterations left are run step by step: fast-forwarding them gains nothing.</summary>
        private const long MinimumSkip = 1024;

        /// <summary>The largest number of iterations a single fast-forward skips (2^62).</summary>
        private static readonly BigInteger MaximumSkip = BigInteger.One << 62;

        private readonly Dictionary<LoopStmt, bool> translationLoops = [];

        /// <summary>
        /// Called at the head of <paramref name="loop"/> after one iteration moved the state from
        /// <paramref name="before"/> to the frame's current one: skips the iterations that provably go through.
        /// </summary>
        private void FastForward(LoopStmt loop, Frame frame, BigInteger?[] before, BigInteger[] globalsBefore)
        {
            if (!IsTranslationLoop(loop, frame))
                return;
            var values = frame.Values;
            var delta = new BigInteger[values.Length];
            var globalDelta = new BigInteger[globals.Length];
            var moves = false;
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } now && before[i] is { } then)
                    moves |= !(delta[i] = now - then).IsZero;
                else if (values[i] != before[i])
                    return;
            }

            for (var g = 0; g < globals.Length; g++)
                moves |= !(globalDelta[g] = globals[g] - globalsBefore[g]).IsZero;
            if (!moves)
                return;

            var start = (BigInteger?[])values.Clone();
            var globalStart = (BigInteger[])globals.Clone();
            bool GoesThrough(BigInteger j) => IterationGoesThrough(loop, frame, start, globalStart, delta, globalDelta, j);

            // The iterations that go through form an interval of j that contains 0 when any does.
            if (!GoesThrough(MinimumSkip))
            {
                Restore(frame, start, globalStart);
                return;
            }

            BigInteger good = MinimumSkip, bad = good * 2;
            while (bad <= MaximumSkip && GoesThrough(bad))
                (good, bad) = (bad, bad * 2);
            if (bad > MaximumSkip)
                bad = MaximumSkip + 1;
            while (bad - good > 1)
            {
                var middle = (good + bad) / 2;
                if (GoesThrough(middle))
                    good = middle;
                else
                    bad = middle;
            }

            // Iterations 0 … good go through: continue at the head of iteration good + 1.
            Shift(frame, start, globalStart, delta, globalDelta, good + 1);
        }

        /// <summary>Runs the iteration that starts from start + j·delta on its own; true when it goes through to the head again.</summary>
        private bool IterationGoesThrough(LoopStmt loop, Frame frame, BigInteger?[] start, BigInteger[] globalStart, BigInteger[] delta, BigInteger[] globalDelta, BigInteger j)
        {
            var savedSteps = steps;
            try
            {
                if (!Shift(frame, start, globalStart, delta, globalDelta, j))
                    return false;
                if (loop.Condition is not null && !Truthy(Eval(loop.Condition, frame)))
                    return false;
                if (Exec(loop.Body, frame) != Completion.Normal)
                    return false;
                if (loop.Step is not null)
                    EvalDiscarding(loop.Step, frame);
                return true;
            }
            catch (StopException)
            {
                return false;
            }
            finally
            {
                steps = savedSteps;
            }
        }

        /// <summary>Sets the state to start + j·delta; false when a value leaves its variable's type.</summary>
        private bool Shift(Frame frame, BigInteger?[] start, BigInteger[] globalStart, BigInteger[] delta, BigInteger[] globalDelta, BigInteger j)
        {
            var inRange = true;
            for (var i = 0; i < start.Length; i++)
            {
                frame.Values[i] = start[i] is { } v ? v + (j * delta[i]) : null;
                inRange &= frame.Values[i] is not { } shifted || IntegerType.IsInDomain(frame.Info.Types[i], shifted, semantics);
            }

            for (var g = 0; g < globalStart.Length; g++)
            {
                globals[g] = globalStart[g] + (j * globalDelta[g]);
                inRange &= IntegerType.IsInDomain(globalTypes[g], globals[g], semantics);
            }

            return inRange;
        }

        private void Restore(Frame frame, BigInteger?[] start, BigInteger[] globalStart)
        {
            Array.Copy(start, frame.Values, start.Length);
            Array.Copy(globalStart, globals, globalStart.Length);
        }

        private bool IsTranslationLoop(LoopStmt loop, Frame frame)
        {
            if (!translationLoops.TryGetValue(loop, out var qualifies))
            {
                qualifies = loop.Kind is LoopKind.While or LoopKind.For && loop.Else is null && loop.Condition is not null
                    && IsConjunctionOfComparisons(loop.Condition, frame.Info)
                    && Translates(loop.Body, frame.Info)
                    && (loop.Step is null || IsTranslation(loop.Step, frame.Info));
                translationLoops[loop] = qualifies;
            }

            return qualifies;
        }

        private bool IsConjunctionOfComparisons(Expr e, FunctionInfo f) => e switch
        {
            BinaryExpr { Op: BinaryOp.And } b => IsConjunctionOfComparisons(b.Left, f) && IsConjunctionOfComparisons(b.Right, f),
            BinaryExpr { Op: BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge or BinaryOp.Eq } b => IsAffine(b.Left, f) && IsAffine(b.Right, f),
            _ => false,
        };

        /// <summary>An affine expression over signed or unbounded integers: no conversion along it can wrap.</summary>
        private bool IsAffine(Expr e, FunctionInfo f) => e switch
        {
            IntLiteral l => IsSignedOrUnbounded(l.Type),
            VarRef v => TypeOfVariable(v.Name, f) is { } t && IsSignedOrUnbounded(t),
            UnaryExpr { Op: UnaryOp.Negate } u => IsAffine(u.Operand, f),
            BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub } b => IsAffine(b.Left, f) && IsAffine(b.Right, f),
            BinaryExpr { Op: BinaryOp.Mul } b => (b.Left is IntLiteral && IsAffine(b.Left, f) && IsAffine(b.Right, f))
                || (b.Right is IntLiteral && IsAffine(b.Right, f) && IsAffine(b.Left, f)),
            _ => false,
        };

        private bool Translates(Stmt s, FunctionInfo f) => s switch
        {
            BlockStmt b => b.Statements.All(x => Translates(x, f)),
            ExprStmt e => IsTranslation(e.Expression, f),
            _ => false,
        };

        /// <summary><c>v = v ± c</c> (also as <c>v += c</c>, <c>v++</c>) for a literal c, where v + c needs no narrowing.</summary>
        private bool IsTranslation(Expr e, FunctionInfo f) => e switch
        {
            SequenceExpr s => IsTranslation(s.First, f) && IsTranslation(s.Second, f),
            AssignExpr { Value: BinaryExpr { Op: BinaryOp.Add or BinaryOp.Sub, Left: VarRef v, Right: IntLiteral c } } a =>
                v.Name == a.Target && AddsWithoutNarrowing(TypeOfVariable(a.Target, f), c.Type),
            AssignExpr { Value: BinaryExpr { Op: BinaryOp.Add, Left: IntLiteral c, Right: VarRef v } } a =>
                v.Name == a.Target && AddsWithoutNarrowing(TypeOfVariable(a.Target, f), c.Type),
            _ => false,
        };

        private static bool AddsWithoutNarrowing(ScalarType? target, ScalarType literal) =>
            target is { } t && IsSignedOrUnbounded(t) && IsSignedOrUnbounded(literal)
            && (t.Kind == TypeKind.Unbounded || (t.Bits >= ScalarType.Int.Bits && (literal.Kind != TypeKind.Unbounded && literal.Bits <= t.Bits)));

        private static bool IsSignedOrUnbounded(ScalarType t) => t.Kind is TypeKind.Signed or TypeKind.Unbounded;

        private ScalarType? TypeOfVariable(string name, FunctionInfo f) =>
            f.Slots.TryGetValue(name, out var slot) ? f.Types[slot]
            : globalSlots.TryGetValue(name, out var g) ? globalTypes[g]
            : null;
    }
}
