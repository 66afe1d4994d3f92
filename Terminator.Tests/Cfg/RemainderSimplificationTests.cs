using System.Numerics;
using NUnit.Framework;
using Terminator.Core.Logic;

namespace Terminator.Tests.Cfg;

/// <summary>
/// The rewrites of <see cref="LogicOps.SimplifyArith"/> that take a remainder apart: (c·u mod c·m) / c = u mod m, and
/// (t + k·m) mod m = t mod m, also across the two cases of C's conversion of a signed value to unsigned. Each must
/// give the same value as the term it replaces for every input, and must apply only where that holds.
/// </summary>
[TestFixture]
public sealed class RemainderSimplificationTests
{
    private static readonly Var N = new("n");
    private static readonly BigInteger TwoTo32 = BigInteger.One << 32;

    private static readonly BigInteger[] Samples =
    [
        int.MinValue, int.MinValue + 1, -(BigInteger.One << 30) - 1, -(BigInteger.One << 30), -1000, -5, -4, -1, 0, 1, 2, 3, 4, 999, 1000,
        (BigInteger.One << 30) - 1, BigInteger.One << 30, (BigInteger.One << 30) + 1, int.MaxValue - 1, int.MaxValue,
    ];

    /// <summary>An int converted to a 32-bit unsigned type, as the lowering builds it: n, or n + 2^32 when negative.</summary>
    private static Ite ToUnsigned(Term n) =>
        new Ite(Formula.And(Formula.Ge(n, new Const(0)), Formula.Le(n, new Const(TwoTo32 - 1))), n, new Arith(ArithOp.Sub, n, new Const(-TwoTo32)));

    [Test]
    public void TheElementCountOfAnAllocationOfNTimesFourBytesIsNModuloTwoToThe30()
    {
        // (size_t)n * 4 wraps modulo 2^32; dividing the byte count by 4 gives the element count.
        var bytes = LogicOps.SimplifyArith(ArithOp.ModFloor, LogicOps.SimplifyArith(ArithOp.Mul, ToUnsigned(N), new Const(4)), new Const(TwoTo32));
        var count = LogicOps.SimplifyArith(ArithOp.DivTrunc, bytes, new Const(4));
        var literal = new Arith(ArithOp.DivTrunc, new Arith(ArithOp.ModFloor, new Arith(ArithOp.Mul, ToUnsigned(N), new Const(4)), new Const(TwoTo32)), new Const(4));

        Assert.That(count, Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(BigInteger.One << 30))));
        foreach (var n in Samples)
        {
            var env = new Dictionary<string, BigInteger> { ["n"] = n };
            Assert.That(LogicOps.Evaluate(count, env), Is.EqualTo(LogicOps.Evaluate(literal, env)), $"n = {n}");
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AQuotientOfARemainderIsTakenApartOnlyWhenTheDivisorDividesTheModulus(bool truncating)
    {
        var division = truncating ? ArithOp.DivTrunc : ArithOp.DivFloor;
        var scaled = new Arith(ArithOp.Mul, new Const(3), N);

        // 3 divides 12: (3n mod 12) / 3 = n mod 4.
        var dividing = LogicOps.SimplifyArith(division, new Arith(ArithOp.ModFloor, scaled, new Const(12)), new Const(3));
        Assert.That(dividing, Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(4))));

        // 3 does not divide 10, and 2 is not the factor of the product: both stay as they are.
        var notDividing = LogicOps.SimplifyArith(division, new Arith(ArithOp.ModFloor, scaled, new Const(10)), new Const(3));
        var otherFactor = LogicOps.SimplifyArith(division, new Arith(ArithOp.ModFloor, scaled, new Const(12)), new Const(2));
        Assert.That(notDividing, Is.EqualTo(new Arith(division, new Arith(ArithOp.ModFloor, scaled, new Const(10)), new Const(3))));
        Assert.That(otherFactor, Is.EqualTo(new Arith(division, new Arith(ArithOp.ModFloor, scaled, new Const(12)), new Const(2))));
        foreach (var n in Samples)
        {
            var env = new Dictionary<string, BigInteger> { ["n"] = n };
            Assert.That(LogicOps.Evaluate(dividing, env), Is.EqualTo(LogicOps.Evaluate(new Arith(division, new Arith(ArithOp.ModFloor, scaled, new Const(12)), new Const(3)), env)), $"n = {n}");
        }
    }

    [Test]
    public void AnAddedMultipleOfTheModulusIsDroppedAndNoOtherConstant()
    {
        Assert.That(LogicOps.SimplifyArith(ArithOp.ModFloor, new Arith(ArithOp.Add, N, new Const(12)), new Const(4)), Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(4))));
        Assert.That(LogicOps.SimplifyArith(ArithOp.ModFloor, new Arith(ArithOp.Add, new Const(-8), N), new Const(4)), Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(4))));
        Assert.That(LogicOps.SimplifyArith(ArithOp.ModFloor, new Arith(ArithOp.Sub, N, new Const(4)), new Const(4)), Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(4))));

        var notMultiple = new Arith(ArithOp.Add, N, new Const(6));
        Assert.That(LogicOps.SimplifyArith(ArithOp.ModFloor, notMultiple, new Const(4)), Is.EqualTo(new Arith(ArithOp.ModFloor, notMultiple, new Const(4))));

        // Cases that differ by other than a multiple keep the choice.
        var choice = new Ite(Formula.Ge(N, new Const(0)), N, new Arith(ArithOp.Add, N, new Const(6)));
        Assert.That(LogicOps.SimplifyArith(ArithOp.ModFloor, choice, new Const(4)), Is.EqualTo(new Arith(ArithOp.ModFloor, choice, new Const(4))));
    }

    [Test]
    public void AConversionToUnsignedUnderARemainderByADivisorOfTwoToThe32IsTheValueItself()
    {
        var reduced = LogicOps.SimplifyArith(ArithOp.ModFloor, ToUnsigned(N), new Const(256));
        Assert.That(reduced, Is.EqualTo(new Arith(ArithOp.ModFloor, N, new Const(256))));
        foreach (var n in Samples)
        {
            var env = new Dictionary<string, BigInteger> { ["n"] = n };
            Assert.That(LogicOps.Evaluate(reduced, env), Is.EqualTo(LogicOps.Evaluate(new Arith(ArithOp.ModFloor, ToUnsigned(N), new Const(256)), env)), $"n = {n}");
        }
    }
}
