using System.Numerics;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Bitwise operators and shifts. What linear integer arithmetic can say exactly it says exactly: <c>~x</c>, shifts by a
/// constant (multiplication by 2^k with C's overflow rules, floor division by 2^k), a left shift by a variable count
/// on a machine type (one case per count), and <c>&amp;</c>, <c>|</c>, <c>^</c> with masks of the forms 2^k - 1,
/// -2^k, 0 and -1 (through <c>x mod 2^k</c>). Everything else is an abstraction: a value the encoding does not compute,
/// constrained by facts that the exact value always satisfies (its sign and bounds from the operands' signs), so the
/// transition system allows every behaviour of the program and perhaps more. A proof of termination over it holds for
/// the program; a run it suggests is replayed by the interpreter, which computes exactly, before it counts.
/// </summary>
internal sealed partial class Lowering
{
    private static BigInteger? ConstantOf(Term t) => t is Const { Value.IsInteger: true } c ? c.Value.Numerator : null;

    private static Term Add(Term a, Term b) => LogicOps.SimplifyArith(ArithOp.Add, a, b);

    private static Term Sub(Term a, Term b) => LogicOps.SimplifyArith(ArithOp.Sub, a, b);

    private static Term Times(BigInteger factor, Term a) => LogicOps.SimplifyArith(ArithOp.Mul, new Const(factor), a);

    private static Term LowBits(Term x, int bits) => LogicOps.SimplifyArith(ArithOp.ModFloor, x, new Const(BigInteger.One << bits));

    private static Formula NonNegative(Term t) => Formula.Ge(t, new Const(0));

    private static Formula Negative(Term t) => Formula.Lt(t, new Const(0));

    /// <summary>The exponent k when <paramref name="value"/> is 2^k (k ≥ 0).</summary>
    private static int? ExponentOfTwo(BigInteger value) =>
        value.Sign > 0 && (value & (value - 1)).IsZero ? (int)(value.GetBitLength() - 1) : null;

    /// <summary><c>~v</c> in <paramref name="type"/>: <c>-v - 1</c>, which an unsigned type holds as <c>max - v</c>.</summary>
    private static Term BitNot(Term v, ScalarType type) =>
        type.Kind == TypeKind.Unsigned ? Sub(new Const(IntegerRules.Max(type)), v) : Sub(Sub(new Const(0), v), new Const(1));

    private (Term, ScalarType) LowerBitwise(BinaryExpr b)
    {
        var (l, lt) = LowerValue(b.Left);
        var (r, rt) = LowerValue(b.Right);
        var type = rules.Common(lt, rt);
        var x = rules.Convert(l, lt, type);
        var y = rules.Convert(r, rt, type);
        if (ConstantOf(x) is { } a && ConstantOf(y) is { } c0)
        {
            return (new Const(rules.ConvertConstant(b.Op switch { BinaryOp.BitAnd => a & c0, BinaryOp.BitOr => a | c0, _ => a ^ c0 }, type)), type);
        }

        if (ConstantOf(x) is not null)
        {
            (x, y) = (y, x);
        }

        if (ConstantOf(y) is { } c && WithMask(b.Op, x, c, type) is { } exact)
        {
            return (exact, type);
        }

        return (b.Op switch
        {
            BinaryOp.BitAnd => Abstract(type, v => BitAndFacts(v, x, y)),
            BinaryOp.BitOr => Abstract(type, v => BitOrFacts(v, x, y)),
            _ => Abstract(type, v => BitXorFacts(v, x, y)),
        }, type);
    }

    /// <summary>
    /// <c>x op c</c> exactly, when the constant <paramref name="c"/> (a value of <paramref name="type"/>) is one of the
    /// masks that linear arithmetic expresses through <c>x mod 2^k</c>; null otherwise. Two's complement makes these
    /// identities hold for negative x as well.
    /// </summary>
    private static Term? WithMask(BinaryOp op, Term x, BigInteger c, ScalarType type)
    {
        // All bits set: -1 in a signed (or unbounded) type, the maximum in an unsigned one.
        var allOnes = type.Kind == TypeKind.Unsigned ? IntegerRules.Max(type) : BigInteger.MinusOne;
        if (c.IsZero)
        {
            return op == BinaryOp.BitAnd ? new Const(0) : x;
        }

        if (c == allOnes)
        {
            return op switch
            {
                BinaryOp.BitAnd => x,
                BinaryOp.BitOr => new Const(c),
                _ => BitNot(x, type),
            };
        }

        if (ExponentOfTwo(c + 1) is { } low)
        {
            // c = 2^k - 1: the low k bits. x & c keeps them, x | c sets them, x ^ c flips them.
            var bits = LowBits(x, low);
            return op switch
            {
                BinaryOp.BitAnd => bits,
                BinaryOp.BitOr => Add(Sub(x, bits), new Const(c)),
                _ => Add(Sub(x, Times(2, bits)), new Const(c)),
            };
        }

        // c = -2^k (all bits but the low k), or its unsigned image max + 1 - 2^k: x & c clears the low k bits.
        var cleared = type.Kind == TypeKind.Unsigned ? IntegerRules.Max(type) + 1 - c : -c;
        if (op == BinaryOp.BitAnd && ExponentOfTwo(cleared) is { } high)
        {
            return Sub(x, LowBits(x, high));
        }

        return null;
    }

    /// <summary>
    /// Facts of <c>v = x &amp; y</c> in two's complement: and-ing only clears bits, so the result is non-negative when
    /// an operand is, and not above a non-negative operand; of two negative operands, it is negative and not above either.
    /// </summary>
    private static Formula BitAndFacts(Var v, Term x, Term y) => Formula.And(
        Formula.Implies(NonNegative(x), Formula.And(NonNegative(v), Formula.Le(v, x))),
        Formula.Implies(NonNegative(y), Formula.And(NonNegative(v), Formula.Le(v, y))),
        Formula.Implies(Formula.And(Negative(x), Negative(y)), Formula.And(Negative(v), Formula.Le(v, x), Formula.Le(v, y))),
        Formula.Implies(Formula.Eq(x, y), Formula.Eq(v, x)));

    /// <summary>
    /// Facts of <c>v = x | y</c>: or-ing only sets bits, so of non-negative operands the result is at least each of them
    /// and at most their sum; with a negative operand it is negative and at least that operand.
    /// </summary>
    private static Formula BitOrFacts(Var v, Term x, Term y) => Formula.And(
        Formula.Implies(Formula.And(NonNegative(x), NonNegative(y)), Formula.And(Formula.Ge(v, x), Formula.Ge(v, y), Formula.Le(v, Add(x, y)))),
        Formula.Implies(Negative(x), Formula.And(Negative(v), Formula.Ge(v, x))),
        Formula.Implies(Negative(y), Formula.And(Negative(v), Formula.Ge(v, y))),
        Formula.Implies(Formula.Eq(x, y), Formula.Eq(v, x)));

    /// <summary>
    /// Facts of <c>v = x ^ y</c>: zero exactly when the operands are equal; of non-negative operands between 0 and their
    /// sum; non-negative when the signs agree and negative when they differ.
    /// </summary>
    private static Formula BitXorFacts(Var v, Term x, Term y) => Formula.And(
        Formula.Implies(Formula.Eq(x, y), Formula.Eq(v, new Const(0))),
        Formula.Implies(Formula.Ne(x, y), Formula.Ne(v, new Const(0))),
        Formula.Implies(Formula.And(NonNegative(x), NonNegative(y)), Formula.And(NonNegative(v), Formula.Le(v, Add(x, y)))),
        Formula.Implies(Formula.And(Negative(x), Negative(y)), NonNegative(v)),
        Formula.Implies(Formula.And(NonNegative(x), Negative(y)), Negative(v)),
        Formula.Implies(Formula.And(Negative(x), NonNegative(y)), Negative(v)));

    /// <summary>A value the encoding does not compute: any value of <paramref name="type"/> that satisfies the facts.</summary>
    private Var Abstract(ScalarType type, Func<Var, Formula> facts)
    {
        var temp = NewTemporary(type);
        Emit(new HavocAction(temp, Abstraction: true));
        var v = new Var(temp);
        Emit(new AssumeAction(facts(v), false));
        return v;
    }

    private (Term, ScalarType) LowerShift(BinaryExpr b)
    {
        var (l, lt) = LowerValue(b.Left);
        var (r, rt) = LowerValue(b.Right);

        // The operands are promoted separately; the result has the left operand's promoted type.
        var type = rules.Promote(lt);
        var x = rules.Convert(l, lt, type);
        var countType = rules.Promote(rt);
        var k = rules.Convert(r, rt, countType);
        var left = b.Op == BinaryOp.ShiftLeft;
        var machine = type.IsMachineInteger;
        var width = type.Bits;
        GuardUndefined(
            machine ? Formula.And(NonNegative(k), Formula.Lt(k, new Const(width))) : NonNegative(k),
            b.Span,
            machine ? $"shift count negative or not below the width {width} of {type}" : "shift by a negative count");

        if (ConstantOf(k) is { } count && (machine || count <= ExactShiftCountLimit))
        {
            if (count.Sign < 0 || (machine && count >= width))
            {
                // Unreachable: the guard above sent every run to undefined behaviour.
                return (x, type);
            }

            var power = BigInteger.Pow(2, (int)count);
            return left
                ? (LeftShiftResult(x, type, b.Span, Times(power, x), machine ? new Const(IntegerRules.Max(type) >> (int)count) : null), type)
                : (count.IsZero ? x : LogicOps.SimplifyArith(ArithOp.DivFloor, x, new Const(power)), type);
        }

        if (left && machine)
        {
            // One case per count below the width: x * 2^k and the largest x that does not overflow.
            Term product = Times(BigInteger.Pow(2, width - 1), x);
            Term limit = new Const(IntegerRules.Max(type) >> (width - 1));
            for (var i = width - 2; i >= 0; i--)
            {
                var isCount = Formula.Eq(k, new Const(i));
                product = new Ite(isCount, Times(BigInteger.Pow(2, i), x), product);
                limit = new Ite(isCount, new Const(IntegerRules.Max(type) >> i), limit);
            }

            return (LeftShiftResult(x, type, b.Span, product, limit), type);
        }

        return (left ? Abstract(type, v => LeftShiftFacts(v, x, k)) : Abstract(type, v => RightShiftFacts(v, x, k)), type);
    }

    /// <summary>
    /// The largest constant count of a shift of an unbounded integer that is lowered exactly, as a product or quotient
    /// with 2^k; a larger one (whose power of two would not fit in memory) is abstracted like a variable count.
    /// </summary>
    private const int ExactShiftCountLimit = 1024;

    /// <summary>
    /// The result of <c>x &lt;&lt; k</c> whose exact product is <paramref name="product"/>: a signed left operand must be
    /// non-negative and at most <paramref name="limit"/> (the type's maximum shifted right by k; null when the type is
    /// unbounded); unsigned wraps.
    /// </summary>
    private Term LeftShiftResult(Term x, ScalarType type, SourceSpan span, Term product, Term? limit)
    {
        switch (type.Kind)
        {
            case TypeKind.Signed when limit is not null:
            {
                GuardUndefined(NonNegative(x), span, $"left shift of a negative value of {type}");
                GuardUndefined(Formula.Le(x, limit), span, $"signed overflow in left shift of {type}");
                var temp = NewTemporary(type);
                Emit(new AssignAction(temp, product));
                return new Var(temp);
            }

            case TypeKind.Unsigned:
                return IntegerRules.Wrap(product, type);
            default:
                return product;
        }
    }

    /// <summary>Facts of <c>v = x &lt;&lt; k</c> on unbounded integers: x times 2^k keeps the sign and moves away from 0.</summary>
    private static Formula LeftShiftFacts(Var v, Term x, Term k) => Formula.And(
        Formula.Implies(Formula.Eq(k, new Const(0)), Formula.Eq(v, x)),
        Formula.Implies(Formula.Eq(x, new Const(0)), Formula.Eq(v, new Const(0))),
        Formula.Implies(NonNegative(x), Formula.Ge(v, x)),
        Formula.Implies(Negative(x), Formula.Le(v, x)),
        Formula.Implies(Formula.And(Formula.Ge(k, new Const(1)), NonNegative(x)), Formula.Ge(v, Times(2, x))),
        Formula.Implies(Formula.And(Formula.Ge(k, new Const(1)), Negative(x)), Formula.Le(v, Times(2, x))));

    /// <summary>
    /// Facts of <c>v = x &gt;&gt; k</c>, floor division by 2^k: it keeps the sign, moves toward 0 (a negative value no
    /// further than -1), and for k ≥ 1 at least halves: 2v ≤ x when x ≥ 0, 2v ≥ x - 1 when x &lt; 0.
    /// </summary>
    private static Formula RightShiftFacts(Var v, Term x, Term k) => Formula.And(
        Formula.Implies(Formula.Eq(k, new Const(0)), Formula.Eq(v, x)),
        Formula.Implies(NonNegative(x), Formula.And(NonNegative(v), Formula.Le(v, x))),
        Formula.Implies(Negative(x), Formula.And(Negative(v), Formula.Ge(v, x))),
        Formula.Implies(Formula.And(Formula.Ge(k, new Const(1)), NonNegative(x)), Formula.Le(Times(2, v), x)),
        Formula.Implies(Formula.And(Formula.Ge(k, new Const(1)), Negative(x)), Formula.Ge(Times(2, v), Sub(x, new Const(1)))));
}
