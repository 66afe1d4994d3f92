using System.Numerics;
using NUnit.Framework;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;

namespace Terminator.Tests.Interpretation;

[TestFixture]
public sealed class IntegerTypeTests
{
    [Test]
    public void RangesOfTheIlp32Types()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IntegerType.Min(ScalarType.Int), Is.EqualTo(new BigInteger(int.MinValue)));
            Assert.That(IntegerType.Max(ScalarType.Int), Is.EqualTo(new BigInteger(int.MaxValue)));
            Assert.That(IntegerType.Max(ScalarType.UInt), Is.EqualTo(new BigInteger(uint.MaxValue)));
            Assert.That(IntegerType.Min(ScalarType.LongLong), Is.EqualTo(new BigInteger(long.MinValue)));
            Assert.That(IntegerType.Max(ScalarType.ULongLong), Is.EqualTo(new BigInteger(ulong.MaxValue)));
            Assert.That(IntegerType.Max(ScalarType.Bool), Is.EqualTo(BigInteger.One));
            Assert.That(() => IntegerType.Max(ScalarType.Unbounded), Throws.ArgumentException);
        });
    }

    [Test]
    public void WrapMatchesTheMachineCasts()
    {
        var samples = new BigInteger[] { 0, 1, -1, int.MaxValue, int.MinValue, uint.MaxValue, (BigInteger)uint.MaxValue + 1, long.MinValue, ulong.MaxValue, BigInteger.Pow(3, 50), -BigInteger.Pow(7, 30) };
        foreach (var v in samples)
        {
            var low64 = (ulong)(v & ulong.MaxValue);
            Assert.That(IntegerType.Wrap(ScalarType.UInt, v), Is.EqualTo(new BigInteger((uint)low64)), $"uint {v}");
            Assert.That(IntegerType.Wrap(ScalarType.Int, v), Is.EqualTo(new BigInteger(unchecked((int)(uint)low64))), $"int {v}");
            Assert.That(IntegerType.Wrap(ScalarType.ULongLong, v), Is.EqualTo(new BigInteger(low64)), $"ulong {v}");
            Assert.That(IntegerType.Wrap(ScalarType.LongLong, v), Is.EqualTo(new BigInteger(unchecked((long)low64))), $"long {v}");
            Assert.That(IntegerType.Wrap(ScalarType.Unbounded, v), Is.EqualTo(v));
        }
    }

    [Test]
    public void ConvertToBoolIsNonzeroAndMathDoesNotWrap()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IntegerType.Convert(ScalarType.Bool, 2, IntegerSemantics.C), Is.EqualTo(BigInteger.One));
            Assert.That(IntegerType.Convert(ScalarType.Bool, -4, IntegerSemantics.Math), Is.EqualTo(BigInteger.One));
            Assert.That(IntegerType.Convert(ScalarType.Bool, 0, IntegerSemantics.C), Is.EqualTo(BigInteger.Zero));
            Assert.That(IntegerType.Convert(ScalarType.Int, uint.MaxValue, IntegerSemantics.C), Is.EqualTo(BigInteger.MinusOne));
            Assert.That(IntegerType.Convert(ScalarType.UInt, -1, IntegerSemantics.Math), Is.EqualTo(BigInteger.MinusOne));
        });
    }

    [Test]
    public void DomainsUnderBothSemantics()
    {
        Assert.Multiple(() =>
        {
            Assert.That(IntegerType.IsInDomain(ScalarType.Int, (BigInteger)int.MaxValue + 1, IntegerSemantics.C), Is.False);
            Assert.That(IntegerType.IsInDomain(ScalarType.Int, (BigInteger)int.MaxValue + 1, IntegerSemantics.Math), Is.True);
            Assert.That(IntegerType.IsInDomain(ScalarType.UInt, -1, IntegerSemantics.Math), Is.False);
            Assert.That(IntegerType.IsInDomain(ScalarType.Bool, 2, IntegerSemantics.Math), Is.False);
            Assert.That(IntegerType.IsInDomain(ScalarType.Unbounded, BigInteger.Pow(10, 40), IntegerSemantics.C), Is.True);
        });
    }

    private static readonly ScalarType Short = new(TypeKind.Signed, 16);
    private static readonly ScalarType UShort = new(TypeKind.Unsigned, 16);

    private static IEnumerable<TestCaseData> CommonTypeCases()
    {
        yield return new TestCaseData(ScalarType.Int, ScalarType.UInt, ScalarType.UInt);
        yield return new TestCaseData(ScalarType.Bool, ScalarType.Bool, ScalarType.Int);
        yield return new TestCaseData(UShort, Short, ScalarType.Int);
        yield return new TestCaseData(ScalarType.LongLong, ScalarType.UInt, ScalarType.LongLong);
        yield return new TestCaseData(ScalarType.ULongLong, ScalarType.LongLong, ScalarType.ULongLong);
        yield return new TestCaseData(ScalarType.ULongLong, ScalarType.Int, ScalarType.ULongLong);
        yield return new TestCaseData(ScalarType.Int, ScalarType.LongLong, ScalarType.LongLong);
        yield return new TestCaseData(ScalarType.Unbounded, ScalarType.UInt, ScalarType.Unbounded);
    }

    [TestCaseSource(nameof(CommonTypeCases))]
    public void UsualArithmeticConversions(ScalarType a, ScalarType b, ScalarType expected)
    {
        Assert.That(IntegerType.CommonType(a, b), Is.EqualTo(expected));
        Assert.That(IntegerType.CommonType(b, a), Is.EqualTo(expected));
    }

    [Test]
    public void DivisionsSatisfyTheirDefiningIdentities()
    {
        for (var a = -9; a <= 9; a++)
        {
            for (var b = -4; b <= 4; b++)
            {
                if (b == 0)
                    continue;
                var q = IntegerType.TruncatedDivide(a, b);
                var r = IntegerType.TruncatedRemainder(a, b);
                Assert.That((q, r), Is.EqualTo(((BigInteger)(a / b), (BigInteger)(a % b))), $"C {a} / {b}");
                var fq = IntegerType.FloorDivide(a, b);
                var fr = IntegerType.FloorModulo(a, b);
                Assert.That(fq, Is.EqualTo(new BigInteger(Math.Floor((double)a / b))), $"Python {a} // {b}");
                Assert.That(fq * b + fr, Is.EqualTo(new BigInteger(a)), $"Python {a} % {b}");
                Assert.That(fr.IsZero || fr.Sign == Math.Sign(b), Is.True, $"sign of {a} % {b}");
            }
        }
    }
}
