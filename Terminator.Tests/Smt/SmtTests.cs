using System.Collections.Immutable;
using NUnit.Framework;
using Terminator.Core.Logic;
using Terminator.Core.Smt;

namespace Terminator.Tests.Smt;

[TestFixture]
public sealed class SmtTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly Var X = new("x");
    private static readonly Var Y = new("y");
    private static readonly Var Q = new("q");

    [Test]
    public void Z3VersionIsReported()
    {
        var version = SmtDiagnostics.Z3Version;
        TestContext.Out.WriteLine($"Z3 {version} from {SmtDiagnostics.NativeLibrarySource}");
        Assert.That(version, Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public void SatisfiableConjunctionYieldsConsistentModel()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.And(Formula.Gt(X, 3), Formula.Lt(X, 5), Formula.Eq(Y, X * 2 - 1)));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        var m = s.GetModel();
        Assert.Multiple(() =>
        {
            Assert.That(m.Evaluate(X), Is.EqualTo((Rational)4));
            Assert.That(m.Evaluate(Y), Is.EqualTo((Rational)7));
            Assert.That(m.Evaluate(Formula.Gt(Y, X)), Is.True);
            Assert.That(m.Evaluate(Formula.Eq(Y, 8)), Is.False);
        });
    }

    [Test]
    public void ContradictionIsUnsat()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.Or(Formula.Lt(X, 0), Formula.Gt(X, 10)));
        s.Assert(Formula.And(Formula.Ge(X, 0), Formula.Le(X, 10)));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        Assert.That(() => s.GetModel(), Throws.InvalidOperationException);
    }

    [TestCase("7", "1")]
    [TestCase("-9223372036854775808", "1")]
    [TestCase("1180591620717411303424", "1")]
    [TestCase("-5", "3")]
    [TestCase("2147483648", "3")]
    [TestCase("1", "1180591620717411303424")]
    public void NumeralsOfEverySizeKeepTheirExactValue(string numerator, string denominator)
    {
        // Numbers that fit machine words and numbers that do not take different paths into Z3.
        var value = new Rational(System.Numerics.BigInteger.Parse(numerator), System.Numerics.BigInteger.Parse(denominator));
        var r = new Var("r", Sort.Real);
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        s.Assert(value.IsInteger ? Formula.Eq(X, new Const(value)) : Formula.Eq(r, new Const(value)));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(s.GetModel().Evaluate(value.IsInteger ? X : r), Is.EqualTo(value));
    }

    [Test]
    public void TwoXEqualsOneIsUnsatOverIntButSatOverReal()
    {
        using var ctx = new SmtContext();
        using (var s = ctx.OpenSolver(Limit))
        {
            s.Assert(Formula.Eq(new Const(2) * X, 1));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        }

        var r = new Var("r", Sort.Real);
        using (var s = ctx.OpenSolver(Limit))
        {
            s.Assert(Formula.Eq(new Const(2) * r, 1));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
            Assert.That(s.GetModel().Evaluate(r), Is.EqualTo(new Rational(1, 2)));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void BothSolverKindsDecideIntegerLinearQueries(bool coreSolverOnly)
    {
        // The core solver skips Z3's preprocessing, not any of its reasoning: integrality, models and scopes behave alike.
        using var ctx = new SmtContext { CoreSolverOnly = coreSolverOnly };
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.And(Formula.Ge(X, 0), Formula.Le(X + Y, 7), Formula.Ge(Y, 3)));
        s.Push();
        s.Assert(Formula.Eq(new Const(2) * X, 9));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        s.Pop();
        Assert.That(s.Check(Formula.Eq(X, 4)), Is.EqualTo(SatResult.Sat));
        Assert.That(s.GetModel().Evaluate(Y), Is.EqualTo((Rational)3));
        Assert.That(s.Check(Formula.Gt(X, 4)), Is.EqualTo(SatResult.Unsat));
    }

    [Test]
    public void MixedIntAndRealTermsAreCoerced()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        var r = new Var("r", Sort.Real);

        // r = x + 1/3 with x an Int: the Int side is lifted to Real, and a fractional constant is a Real numeral.
        s.Assert(Formula.Eq(r, X + new Const(new Rational(1, 3))));
        s.Assert(Formula.Eq(X, -2));
        s.Assert(Formula.Eq(Y, new Ite(Formula.Lt(r, 0), new Const(-1), new Const(1))));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        var m = s.GetModel();
        Assert.Multiple(() =>
        {
            Assert.That(m.Evaluate(r), Is.EqualTo(new Rational(-5, 3)));
            Assert.That(m.Evaluate(r * 3), Is.EqualTo((Rational)(-5)));
            Assert.That(m.Evaluate(Y), Is.EqualTo((Rational)(-1)));
        });
    }

    [Test]
    public void PushPopAndAssumptions()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.Ge(X, 0));
        s.Push();
        s.Assert(Formula.Lt(X, 0));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        s.Pop();
        Assert.Multiple(() =>
        {
            Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
            Assert.That(s.Check(Formula.Lt(X, 0)), Is.EqualTo(SatResult.Unsat));
            Assert.That(s.Check(Formula.Eq(X, 42)), Is.EqualTo(SatResult.Sat));
        });
        Assert.That(s.GetModel().Evaluate(X), Is.EqualTo((Rational)42));

        // Assumptions are not kept: the earlier x < 0 assumption no longer constrains anything.
        Assert.That(s.Check(Formula.Eq(X, 0)), Is.EqualTo(SatResult.Sat));
    }

    // By name: ArithOp is internal to Terminator.Core, and a public test method cannot take it as a parameter.
    private static IEnumerable<TestCaseData> DivisionOps() =>
        new[] { ArithOp.DivTrunc, ArithOp.RemTrunc, ArithOp.DivFloor, ArithOp.ModFloor }
            .Select(op => new TestCaseData(op.ToString()).SetArgDisplayNames(op.ToString()));

    /// <summary>Reference semantics: C# / and % are C's; the floor versions are Python's // and %.</summary>
    private static long Reference(ArithOp op, long a, long b)
    {
        var floorDiv = (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
        return op switch
        {
            ArithOp.DivTrunc => a / b,
            ArithOp.RemTrunc => a % b,
            ArithOp.DivFloor => floorDiv,
            ArithOp.ModFloor => a - (b * floorDiv),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    [Test]
    public void ReferenceMatchesPythonExamples()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Reference(ArithOp.DivFloor, -7, 2), Is.EqualTo(-4));
            Assert.That(Reference(ArithOp.ModFloor, -7, 2), Is.EqualTo(1));
            Assert.That(Reference(ArithOp.DivFloor, 7, -2), Is.EqualTo(-4));
            Assert.That(Reference(ArithOp.ModFloor, 7, -2), Is.EqualTo(-1));
            Assert.That(Reference(ArithOp.DivTrunc, -7, 2), Is.EqualTo(-3));
            Assert.That(Reference(ArithOp.RemTrunc, -7, 2), Is.EqualTo(-1));
        });
    }

    /// <summary>
    /// Checks each operator over a grid of all sign combinations in three shapes: both operands constant, dividend a
    /// variable (constant-divisor encoding), and both variables (general encoding with the divisor-sign branches).
    /// </summary>
    [TestCaseSource(nameof(DivisionOps))]
    public void DivisionAndRemainderMatchCSharpSemantics(string operation)
    {
        var op = Enum.Parse<ArithOp>(operation);
        long[] values = [-9, -7, -6, -2, -1, 0, 1, 2, 5, 7, 9];
        long[] divisors = [-7, -3, -2, -1, 1, 2, 3, 7];
        using var ctx = new SmtContext();
        var failures = new List<string>();
        foreach (var a in values)
        {
            foreach (var b in divisors)
            {
                var expected = Reference(op, a, b);
                Term[] shapes =
                [
                    new Arith(op, new Const(a), new Const(b)),
                    new Arith(op, X, new Const(b)),
                    new Arith(op, X, Y),
                ];
                foreach (var term in shapes)
                {
                    using var s = ctx.OpenSolver(Limit);
                    s.Assert(Formula.And(Formula.Eq(X, a), Formula.Eq(Y, b), Formula.Eq(Q, term)));
                    if (s.Check() != SatResult.Sat)
                    {
                        failures.Add($"{term} with x={a}, y={b}: not sat");
                        continue;
                    }

                    var actual = s.GetModel().Evaluate(Q);
                    if (actual != expected)
                    {
                        failures.Add($"{term} with x={a}, y={b}: {actual}, expected {expected}");
                    }

                    // Uniqueness: the encoding is a function, so q ≠ expected must be unsat.
                    s.Assert(Formula.Ne(Q, expected));
                    if (s.Check() != SatResult.Unsat)
                    {
                        failures.Add($"{term} with x={a}, y={b}: another value possible");
                    }
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(DivisionOps))]
    public void DivisionByZeroIsTotal(string operation)
    {
        var op = Enum.Parse<ArithOp>(operation);
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.And(Formula.Eq(X, 5), Formula.Eq(Y, 0), Formula.Eq(Q, new Arith(op, X, Y))));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        var isQuotient = op is ArithOp.DivTrunc or ArithOp.DivFloor;
        Assert.That(s.GetModel().Evaluate(Q), Is.EqualTo((Rational)(isQuotient ? 0 : 5)));
        s.Assert(Formula.Ne(Q, isQuotient ? 0 : 5));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
    }

    [Test]
    public void RealLinearProgramIsMaximized()
    {
        var a = new Var("a", Sort.Real);
        var b = new Var("b", Sort.Real);
        using var ctx = new SmtContext();
        using var s = ctx.OpenOptimizer(Limit);

        // max a + b  s.t.  a + 2b ≤ 4,  3a + b ≤ 6,  a, b ≥ 0  → optimum at (8/5, 6/5), value 14/5.
        s.Assert(Formula.Le(a + (new Const(2) * b), 4));
        s.Assert(Formula.Le((new Const(3) * a) + b, 6));
        s.Assert(Formula.And(Formula.Ge(a, 0), Formula.Ge(b, 0)));
        s.Maximize(a + b);
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        var m = s.GetModel();
        Assert.Multiple(() =>
        {
            Assert.That(m.Evaluate(a), Is.EqualTo(new Rational(8, 5)));
            Assert.That(m.Evaluate(b), Is.EqualTo(new Rational(6, 5)));
            Assert.That(m.Evaluate(a + b), Is.EqualTo(new Rational(14, 5)));
        });
    }

    [Test]
    public void MinimizeOverIntegers()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenOptimizer(Limit);
        s.Assert(Formula.Ge(new Const(3) * X, 10));
        s.Minimize(X);
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(s.GetModel().Evaluate(X), Is.EqualTo((Rational)4));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void OptimumIsTheBoundOrNullWhenUnbounded(bool optimizer)
    {
        using var ctx = new SmtContext();
        using var s = optimizer ? ctx.OpenOptimizer(Limit) : ctx.OpenSolver(Limit);
        s.Assert(Formula.And(Formula.Ge(new Const(3) * X, 10), Formula.Le(X + Y, 20), Formula.Ge(Y, -5)));

        Assert.That(s.Optimum(X, maximize: false), Is.EqualTo((SatResult.Sat, (Rational?)4)));
        Assert.That(s.Optimum(X, maximize: true), Is.EqualTo((SatResult.Sat, (Rational?)25)));
        Assert.That(s.Optimum(X - Y, maximize: true), Is.EqualTo((SatResult.Sat, (Rational?)30)));
        Assert.That(s.Optimum(X + new Var("z"), maximize: true), Is.EqualTo((SatResult.Sat, (Rational?)null)), "z is unconstrained");

        // Each objective lives in a scope of its own: the assertions alone remain.
        s.Assert(Formula.Eq(X, 7));
        Assert.That(s.Optimum(Y, maximize: true), Is.EqualTo((SatResult.Sat, (Rational?)13)));
    }

    [Test]
    public void MaximizeOnPlainSolverIsRejected()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(Limit);
        Assert.That(() => s.Maximize(X), Throws.InvalidOperationException);
    }

    [Test]
    public void QuantifiedFormulas()
    {
        var n = new Var("n");
        using var ctx = new SmtContext();
        using (var s = ctx.OpenSolver(Limit))
        {
            // ∀n. n ≥ 0 ⇒ x ≤ n  forces x ≤ 0; with x ≥ 0 the only model is x = 0.
            s.Assert(new Quantified(false, [n], Formula.Implies(Formula.Ge(n, 0), Formula.Le(X, n))));
            s.Assert(Formula.Ge(X, 0));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
            Assert.That(s.GetModel().Evaluate(X), Is.EqualTo((Rational)0));
        }

        using (var s = ctx.OpenSolver(Limit))
        {
            // ∃n. 2n = x  (x even) together with x = 7 is unsat.
            s.Assert(new Quantified(true, [n], Formula.Eq(new Const(2) * n, X)));
            s.Assert(Formula.Eq(X, 7));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        }

        using (var s = ctx.OpenSolver(Limit))
        {
            // ∀n. n > x is false over the integers.
            s.Assert(new Quantified(false, ImmutableArray.Create(n), Formula.Gt(n, X)));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Unsat));
        }
    }

    /// <summary>A nonlinear integer problem Z3 cannot finish in a millisecond: x³ + y³ + z³ = 33 (open until 2019).</summary>
    private static Formula HardProblem()
    {
        var z = new Var("z");
        return Formula.And(
            Formula.Eq((X * X * X) + (Y * Y * Y) + (z * z * z), 33),
            Formula.Gt(X * X, 10000));
    }

    [Test]
    public void TimeoutGivesUnknownNotUnsat()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(TimeSpan.FromMilliseconds(1));
        s.Assert(HardProblem());
        var result = s.Check();
        Assert.That(result, Is.EqualTo(SatResult.Unknown));
        Assert.That(s.ReasonUnknown, Is.Not.Null.And.Not.Empty);
        TestContext.Out.WriteLine($"reason: {s.ReasonUnknown}");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(long.MaxValue)]
    public void NonPositiveInfiniteOrHugeTimeoutsMeanNoLimit(long ticks)
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenSolver(ticks == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(ticks));
        s.Assert(Formula.And(Formula.Gt(X, 3), Formula.Lt(X, 5)));
        Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
    }

    [Test]
    public void ChecksAfterATimedOutCheckStillWork()
    {
        // The time limit interrupts the running check only: the context, and later sessions and checks, stay usable.
        using var ctx = new SmtContext();
        using (var slow = ctx.OpenSolver(TimeSpan.FromMilliseconds(50)))
        {
            slow.Assert(HardProblem());
            Assert.That(slow.Check(), Is.EqualTo(SatResult.Unknown));
            Assert.That(slow.ReasonUnknown, Is.EqualTo("timeout"));
            slow.Assert(Formula.Gt(X, 0));
            slow.Push();
            slow.Assert(Formula.Lt(X, 0));
            Assert.That(slow.Check(), Is.EqualTo(SatResult.Unsat));
            slow.Pop();
        }

        using var next = ctx.OpenSolver(Limit);
        next.Assert(Formula.And(Formula.Gt(X, 3), Formula.Lt(X, 5)));
        Assert.That(next.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(next.GetModel().Evaluate(X), Is.EqualTo((Rational)4));
    }

    [Test]
    public void ALimitThatFiresAfterTheCheckReturnedLeavesTheSessionAnsweringUnknown()
    {
        // The limit's interrupt lands after Z3's check has returned and before the limit is disarmed. Z3 keeps such an
        // interrupt and refuses later scope changes ("push canceled"); the session then answers Unknown instead of
        // failing, and the next session gets a fresh Z3 context that answers again.
        using var ctx = new SmtContext { CheckReturned = () => Thread.Sleep(200) };
        using (var s = ctx.OpenSolver(TimeSpan.FromMilliseconds(20)))
        {
            s.Assert(Formula.Gt(X, 0));
            s.Check();
            Assert.That(() => s.Push(), Throws.Nothing);
            s.Assert(Formula.Lt(X, 0));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Unknown), "a check in a session whose scopes Z3 refused must not answer");
            Assert.That(() => s.Pop(), Throws.Nothing);
            Assert.That(() => s.GetModel(), Throws.InstanceOf<InvalidOperationException>());
        }

        Assert.That(ctx.ContextsCreated, Is.EqualTo(2));
        using var fresh = ctx.OpenSolver(Limit);
        fresh.Assert(Formula.And(Formula.Gt(X, 3), Formula.Lt(X, 5)));
        Assert.That(fresh.Check(), Is.EqualTo(SatResult.Sat));
        Assert.That(fresh.GetModel().Evaluate(X), Is.EqualTo((Rational)4));
    }

    [Test]
    public void ASatisfiableCheckWhoseLimitFiredAsItReturnedIsATimeoutWithoutAModel()
    {
        // The model of such a check is refused by Z3 ("there is no current model"); the analysis once answered DontKnow
        // "the solver failed" there instead of treating the query as timed out.
        using var ctx = new SmtContext { CheckReturned = () => Thread.Sleep(200) };
        using var s = ctx.OpenSolver(TimeSpan.FromMilliseconds(20));
        s.Assert(Formula.Gt(X, 0));

        Assert.That(s.Check(), Is.EqualTo(SatResult.Unknown));
        Assert.That(s.ReasonUnknown, Is.EqualTo("timeout"));
        Assert.That(() => s.GetModel(), Throws.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void ALimitThatExpiresBeforeTheCheckStartsStillStopsIt()
    {
        // The limit fires while the check is on its way into the solver, where a single interrupt is lost: only a
        // repeated one stops the check. The task's own deadline catches a check that runs on.
        using var ctx = new SmtContext { CheckStarting = () => Thread.Sleep(100) };
        using var s = ctx.OpenSolver(TimeSpan.FromMilliseconds(10));
        s.Assert(HardProblem());
        var check = Task.Run(() => s.Check());
        Assert.That(check.Wait(TimeSpan.FromSeconds(30)), Is.True, "the check ran on past its limit");
        Assert.That(check.Result, Is.EqualTo(SatResult.Unknown));
        Assert.That(s.ReasonUnknown, Is.EqualTo("timeout"));
    }

    [Test]
    public void ACancellationJustBeforeTheCheckStartsStillStopsIt()
    {
        using var cts = new CancellationTokenSource();
        using var ctx = new SmtContext(cts.Token) { CheckStarting = cts.Cancel };
        using var s = ctx.OpenSolver(TimeSpan.Zero);
        s.Assert(HardProblem());
        var check = Task.Run(() => s.Check());
        Assert.That(() => check.Wait(TimeSpan.FromSeconds(30)), Throws.InstanceOf<AggregateException>()
            .With.InnerException.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void AnInterruptedCheckLeavesItsZ3ContextOnceNoSessionUsesIt()
    {
        using var ctx = new SmtContext();
        using (var slow = ctx.OpenOptimizer(TimeSpan.FromMilliseconds(1)))
        {
            slow.Assert(HardProblem());
            slow.Minimize(X);
            Assert.That(slow.Check(), Is.EqualTo(SatResult.Unknown));
            Assert.That(ctx.ContextsCreated, Is.EqualTo(1), "the session still uses its context");
        }

        Assert.That(ctx.ContextsCreated, Is.EqualTo(2));
        using var next = ctx.OpenOptimizer(Limit);
        next.Assert(Formula.And(Formula.Gt(X, 3), Formula.Lt(X, 9)));
        Assert.That(next.Optimum(X, maximize: true), Is.EqualTo((SatResult.Sat, (Rational?)8)));
    }

    [Test]
    public void ChecksThatAreNotInterruptedKeepTheirZ3Context()
    {
        using var ctx = new SmtContext();
        for (var i = 0; i < 3; i++)
        {
            using var s = ctx.OpenSolver(Limit);
            s.Assert(Formula.Gt(X, i));
            Assert.That(s.Check(), Is.EqualTo(SatResult.Sat));
        }

        Assert.That(ctx.ContextsCreated, Is.EqualTo(1));
    }

    [Test]
    public void OptimizerTimeoutGivesUnknown()
    {
        using var ctx = new SmtContext();
        using var s = ctx.OpenOptimizer(TimeSpan.FromMilliseconds(1));
        s.Assert(HardProblem());
        s.Minimize(X);
        Assert.That(s.Check(), Is.EqualTo(SatResult.Unknown));
    }

    [Test]
    public void CancellationInterruptsRunningCheck()
    {
        using var cts = new CancellationTokenSource();
        using var ctx = new SmtContext(cts.Token);
        using var s = ctx.OpenSolver(TimeSpan.Zero);
        s.Assert(HardProblem());
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(() => s.Check(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        Assert.That(() => ctx.OpenSolver(Limit), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void AlreadyCancelledTokenThrowsBeforeChecking()
    {
        using var cts = new CancellationTokenSource();
        using var ctx = new SmtContext(cts.Token);
        using var s = ctx.OpenSolver(Limit);
        s.Assert(Formula.Eq(X, 1));
        cts.Cancel();
        Assert.That(() => s.Check(), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void ManyContextsAndSessionsSurviveGarbageCollection()
    {
        // Exercises the shim's deferred dec_ref path: finalizers release Z3 objects while other contexts work.
        for (var i = 0; i < 20; i++)
        {
            using var ctx = new SmtContext();
            for (var j = 0; j < 10; j++)
            {
                using var s = ctx.OpenSolver(Limit);
                s.Assert(Formula.Eq(X + j, Y));
                Assert.That(s.Check(Formula.Eq(X, i)), Is.EqualTo(SatResult.Sat));
                Assert.That(s.GetModel().Evaluate(Y), Is.EqualTo((Rational)(i + j)));
            }

            GC.Collect();
        }
    }

    [Test]
    public void UsingADisposedSessionThrows()
    {
        using var ctx = new SmtContext();
        var s = ctx.OpenSolver(Limit);
        s.Dispose();
        Assert.That(() => s.Assert(Formula.True), Throws.InstanceOf<ObjectDisposedException>());
    }
}
