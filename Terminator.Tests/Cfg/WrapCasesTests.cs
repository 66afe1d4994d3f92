using System.Numerics;
using NUnit.Framework;
using Terminator.Core.Cfg;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Tests.Cfg;

/// <summary>
/// The case split that stands for a wrap-around where the wrapped value's range is known: it must equal the value
/// modulo 2^bits (as the interpreter computes it) everywhere in that range, and be linear.
/// </summary>
[TestFixture]
public sealed class WrapCasesTests
{
    private static readonly BigInteger UIntMax = uint.MaxValue;

    private static IEnumerable<TestCaseData> Ranges()
    {
        // The ranges of n - 1, i + 1, 0 - v, e / 2 over unsigned int, of an int converted to unsigned, and of an
        // unsigned sum converted to signed char, each with its number of windows.
        yield return new TestCaseData(ScalarType.UInt, (BigInteger)(-1), UIntMax - 1, 2).SetName("unsigned n - 1");
        yield return new TestCaseData(ScalarType.UInt, BigInteger.One, UIntMax + 1, 2).SetName("unsigned i + 1");
        yield return new TestCaseData(ScalarType.UInt, -UIntMax, BigInteger.Zero, 2).SetName("unsigned 0 - v");
        yield return new TestCaseData(ScalarType.UInt, BigInteger.Zero, UIntMax, 1).SetName("unsigned e / 2");
        yield return new TestCaseData(ScalarType.UInt, (BigInteger)int.MinValue, (BigInteger)int.MaxValue, 2).SetName("int to unsigned");
        yield return new TestCaseData(ScalarType.UInt, BigInteger.Zero, 3 * UIntMax, 3).SetName("unsigned 3 * v");
        yield return new TestCaseData(new ScalarType(TypeKind.Signed, 8), (BigInteger)(-300), (BigInteger)300, 3).SetName("to signed char");
    }

    [TestCaseSource(nameof(Ranges))]
    public void TheCasesEqualTheRemainderEverywhereInTheRange(ScalarType to, BigInteger lo, BigInteger hi, int windows)
    {
        var wrapped = IntegerRules.Wrap(new Var("v"), to, lo, hi);
        Assert.Multiple(() =>
        {
            Assert.That(CountIte(wrapped), Is.EqualTo(windows - 1), $"one test per window but the last: {wrapped}");
            Assert.That(Mentions(wrapped, ArithOp.ModFloor), Is.False, $"no remainder term is left: {wrapped}");
            foreach (var v in Samples(lo, hi, to))
            {
                var value = LogicOps.Evaluate(wrapped, new Dictionary<string, BigInteger> { ["v"] = v });
                Assert.That(value, Is.EqualTo(IntegerType.Wrap(to, v)), $"v = {v}");
            }
        });
    }

    [Test]
    public void ARangeOverMoreWindowsKeepsTheRemainder()
    {
        var wrapped = IntegerRules.Wrap(new Var("v"), ScalarType.UInt, BigInteger.Zero, UIntMax * UIntMax);
        Assert.That(wrapped, Is.EqualTo(IntegerRules.Wrap(new Var("v"), ScalarType.UInt)));
    }

    [Test]
    public void BoundsOfUnsignedOperationsFollowTheOperandsTypes()
    {
        var n = new Var("n");
        Assert.Multiple(() =>
        {
            Assert.That(IntegerRules.Bounds(ArithOp.Sub, n, new Const(1), ScalarType.UInt), Is.EqualTo(((BigInteger)(-1), UIntMax - 1)));
            Assert.That(IntegerRules.Bounds(ArithOp.Add, n, n, ScalarType.UInt), Is.EqualTo((BigInteger.Zero, 2 * UIntMax)));
            Assert.That(IntegerRules.Bounds(ArithOp.Mul, n, new Const(3), ScalarType.UInt), Is.EqualTo((BigInteger.Zero, 3 * UIntMax)));
            Assert.That(IntegerRules.Bounds(ArithOp.DivTrunc, n, new Const(2), ScalarType.UInt), Is.EqualTo((BigInteger.Zero, UIntMax)));
            Assert.That(IntegerRules.Bounds(ArithOp.Add, n, n, ScalarType.Unbounded), Is.Null);
        });
    }

    private static IEnumerable<BigInteger> Samples(BigInteger lo, BigInteger hi, ScalarType to)
    {
        var modulus = BigInteger.One << to.Bits;
        var points = new List<BigInteger> { lo, hi, lo + 1, hi - 1 };
        // Both sides of every window edge inside the range.
        for (var edge = IntegerType.Min(to) + (lo - IntegerType.Min(to)) / modulus * modulus - modulus; edge <= hi + modulus; edge += modulus)
        {
            points.AddRange([edge - 1, edge, edge + 1]);
        }

        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            points.Add(lo + (BigInteger)(random.NextDouble() * (double)(hi - lo)));
        }

        return points.Where(p => p >= lo && p <= hi).Distinct();
    }

    private static int CountIte(Term t) => t switch
    {
        Ite i => 1 + CountIte(i.Then) + CountIte(i.Else),
        Arith a => CountIte(a.Left) + CountIte(a.Right),
        _ => 0,
    };

    private static bool Mentions(Term t, ArithOp op) => t switch
    {
        Ite i => Mentions(i.Then, op) || Mentions(i.Else, op),
        Arith a => a.Op == op || Mentions(a.Left, op) || Mentions(a.Right, op),
        _ => false,
    };
}
