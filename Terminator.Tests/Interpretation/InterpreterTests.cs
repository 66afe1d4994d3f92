using NUnit.Framework;
using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Interpretation;
using Terminator.Core.Ir;
using static Terminator.Tests.Interpretation.IrBuilder;

namespace Terminator.Tests.Interpretation;

[TestFixture]
public sealed class InterpreterTests
{
    private static readonly int[] StemAndCyclePositions = [1, 2, 1, 2];
    private static readonly BigInteger IntMax = int.MaxValue;
    private static readonly BigInteger IntMin = int.MinValue;
    private static readonly BigInteger UIntMax = uint.MaxValue;
    private static readonly int[] CyclicPositions = [0, 1, 0, 1];

    /// <summary><c>int g(int x) { int s = 0; while (x > 0) { s = s + x; x = x - 1; } return s; }</c></summary>
    private static FunctionDecl G => Fn("g", Int, [("x", Int)],
        Decl("s", Int, Lit(0)),
        While(Gt(V("x"), Lit(0)), Block(Set("s", Add(V("s"), V("x"))), Set("x", Sub(V("x"), Lit(1))))),
        Ret(V("s")));

    private static readonly SourceSpan G2Loop = At(2, 3);

    /// <summary><c>int g2(int x, int y) { while (x > 0) { x = x + y; } return x; }</c></summary>
    private static FunctionDecl G2 => Fn("g2", Int, [("x", Int), ("y", Int)],
        While(Gt(V("x"), Lit(0)), Set("x", Add(V("x"), V("y"))), at: G2Loop),
        Ret(V("x")));

    [Test]
    public void TerminatingFunctionReturnsItsValue()
    {
        var result = Run(CProgram(G), "g", [4]);
        Assert.That(result.Outcome, Is.EqualTo(new Returned(10)));
        Assert.That(result.Outcome.Terminates, Is.True);
        Assert.That(result.Steps, Is.GreaterThan(4));
    }

    [Test]
    public void RepeatedLoopHeadStateIsALasso()
    {
        var result = Run(CProgram(G2), "g2", [5, 0], options: COptions with { LoopWatch = G2Loop });
        Assert.That(result.Outcome, Is.EqualTo(new Lasso(0, 1)));
        Assert.That(result.LoopHeadStates, Has.Length.EqualTo(2));
        Assert.That(result.LoopHeadStates[0], Is.EqualTo(result.LoopHeadStates[1]));
        Assert.That(result.LoopHeadStates[0].Variables, Is.EqualTo(new Dictionary<string, BigInteger> { ["x"] = 5, ["y"] = 0 }));
    }

    [Test]
    public void WithoutLoopWatchTheSameRunHitsTheStepLimit()
    {
        var result = Run(CProgram(G2), "g2", [5, 0], options: COptions with { StepLimit = 50 });
        Assert.That(result.Outcome, Is.EqualTo(new StepLimit()));
        Assert.That(result.Steps, Is.EqualTo(50));
        Assert.That(result.LoopHeadStates, Is.Empty);
    }

    [Test]
    public void LoopHeadStatesRecordEveryArrivalOfATerminatingLoop()
    {
        var result = Run(CProgram(G2), "g2", [5, -2], options: COptions with { LoopWatch = G2Loop });
        Assert.That(result.Outcome, Is.EqualTo(new Returned(-1)));
        Assert.That(result.LoopHeadStates.Select(s => s.Variables["x"]), Is.EqualTo(new BigInteger[] { 5, 3, 1, -1 }));
    }

    [Test]
    public void WatchArrivalsStopsTheRunAfterThatManyArrivals()
    {
        var result = Run(CProgram(G2), "g2", [5, -2], options: COptions with { LoopWatch = G2Loop, WatchArrivals = 2 });
        Assert.That(result.Outcome, Is.EqualTo(new WatchLimit()));
        Assert.That(result.LoopHeadStates.Select(s => s.Variables["x"]), Is.EqualTo(new BigInteger[] { 5, 3 }));
    }

    [Test]
    public void ChangingGlobalPreventsALasso()
    {
        // while (x > 0) { g = g + 1; }: locals repeat but the global does not, so this is no lasso.
        var loop = At(3, 1);
        var f = Fn("f", VoidType, [("x", Int)], While(Gt(V("x"), Lit(0)), Set("g", Add(V("g"), Lit(1))), at: loop));
        var program = CProgram([new GlobalDecl("g", Big, null, Here())], f);
        var result = Run(program, "f", [1], options: MathOptions with { LoopWatch = loop, StepLimit = 200 });
        Assert.That(result.Outcome, Is.EqualTo(new StepLimit()));
        Assert.That(result.LoopHeadStates[3].Globals["g"], Is.EqualTo(new BigInteger(3)));
    }

    private static SourceSpan Here() => At(98, 1);

    [Test]
    public void SignedOverflowIsUndefinedBehaviourAtTheOperator()
    {
        var plus = At(2, 12);
        var f = Fn("f", Int, [("x", Int)], Ret(Add(V("x"), Lit(1), plus)));
        var outcome = Run(CProgram(f), "f", [IntMax]).Outcome;
        Assert.That(outcome, Is.TypeOf<UndefinedBehaviour>());
        Assert.That(((UndefinedBehaviour)outcome).At, Is.EqualTo(plus));
        Assert.That(outcome.Terminates, Is.False);
    }

    [Test]
    public void MathSemanticsHasNoOverflow()
    {
        var f = Fn("f", Int, [("x", Int)], Ret(Add(V("x"), Lit(1))));
        Assert.That(Run(CProgram(f), "f", [IntMax], options: MathOptions).Outcome, Is.EqualTo(new Returned(2147483648)));
    }

    [Test]
    public void UnsignedAdditionWraps()
    {
        // x + 1 > x with unsigned x = UINT_MAX: the int literal converts to unsigned and the sum wraps to 0.
        var f = Fn("f", Int, [("x", UInt)], Ret(Gt(Add(V("x"), Lit(1)), V("x"))));
        Assert.That(Run(CProgram(f), "f", [UIntMax]).Outcome, Is.EqualTo(new Returned(0)));
        Assert.That(Run(CProgram(f), "f", [UIntMax], options: MathOptions).Outcome, Is.EqualTo(new Returned(1)));
    }

    [Test]
    public void ZeroMinusOneUnsigned() =>
        Assert.That(Eval(Sub(Lit(0, UInt), Lit(1))), Is.EqualTo(new Returned(UIntMax)));

    [Test]
    public void MinusOneIsNotLessThanOneUnsigned()
    {
        var cmp = Lt(Neg(Lit(1)), Lit(1, UInt));
        Assert.That(Eval(cmp), Is.EqualTo(new Returned(0)));
        Assert.That(Eval(cmp, IntegerSemantics.Math), Is.EqualTo(new Returned(1)));
    }

    [Test]
    public void LongLongBeatsUnsignedInt() =>
        // -1LL < 1u: long long holds every unsigned int, so the comparison is signed.
        Assert.That(Eval(Lt(Neg(Lit(1, LongLong)), Lit(1, UInt))), Is.EqualTo(new Returned(1)));

    [TestCase(BinaryOp.Div)]
    [TestCase(BinaryOp.Rem)]
    public void IntMinByMinusOneIsUndefined(BinaryOp op)
    {
        var outcome = Eval(Bin(op, Lit(IntMin), Neg(Lit(1)), At(5, 7)));
        Assert.That(outcome, Is.TypeOf<UndefinedBehaviour>().With.Property(nameof(UndefinedBehaviour.At)).EqualTo(At(5, 7)));
    }

    [TestCase(7, -2, BinaryOp.Div, -3)]
    [TestCase(7, -2, BinaryOp.Rem, 1)]
    [TestCase(-7, 2, BinaryOp.Div, -3)]
    [TestCase(-7, 2, BinaryOp.Rem, -1)]
    public void CDivisionTruncatesTowardZero(int a, int b, BinaryOp op, int expected)
    {
        var e = Bin(op, Lit(a), Lit(b));
        Assert.That(Eval(e), Is.EqualTo(new Returned(expected)));
        Assert.That(Eval(e, IntegerSemantics.Math), Is.EqualTo(new Returned(expected)));
    }

    [TestCase(-7, 2, BinaryOp.FloorDiv, -4)]
    [TestCase(-7, 2, BinaryOp.FloorMod, 1)]
    [TestCase(7, -2, BinaryOp.FloorDiv, -4)]
    [TestCase(7, -2, BinaryOp.FloorMod, -1)]
    [TestCase(7, 2, BinaryOp.FloorDiv, 3)]
    [TestCase(-8, 2, BinaryOp.FloorMod, 0)]
    public void PythonDivisionFloors(int a, int b, BinaryOp op, int expected) =>
        Assert.That(Eval(Bin(op, Lit(a, Big), Lit(b, Big)), language: SourceLanguage.Python), Is.EqualTo(new Returned(expected)));

    [Test]
    public void DivisionByZeroIsUndefinedInCAndAnExceptionInPython()
    {
        var c = Eval(Bin(BinaryOp.Div, Lit(1), Lit(0), At(3, 3)));
        Assert.That(c, Is.EqualTo(new UndefinedBehaviour(At(3, 3), "division by zero")));
        var py = Eval(Bin(BinaryOp.FloorMod, Lit(1, Big), Lit(0, Big), At(4, 4)), language: SourceLanguage.Python);
        Assert.That(py, Is.EqualTo(new ZeroDivision(At(4, 4))));
        Assert.That(py.Terminates, Is.True);
    }

    [Test]
    public void PythonIgnoresCSemanticsOption()
    {
        var f = Fn("f", Big, [("x", Big)], Ret(Add(V("x"), Lit(1, Big))));
        Assert.That(Run(PyProgram(f), "f", [IntMax], options: COptions).Outcome, Is.EqualTo(new Returned(IntMax + 1)));
    }

    [Test]
    public void AssumeAndAssert()
    {
        var assume = new AssumeStmt(Gt(V("x"), Lit(0)), At(2, 1));
        var assert = new AssertStmt(Lt(V("x"), Lit(10)), At(3, 1));
        var f = Fn("f", Int, [("x", Int)], assume, assert, Ret(V("x")));
        Assert.Multiple(() =>
        {
            Assert.That(Run(CProgram(f), "f", [0]).Outcome, Is.EqualTo(new AssumeViolated(At(2, 1))));
            Assert.That(Run(CProgram(f), "f", [10]).Outcome, Is.EqualTo(new AssertionFailed(At(3, 1))));
            Assert.That(Run(CProgram(f), "f", [5]).Outcome, Is.EqualTo(new Returned(5)));
        });
    }

    [Test]
    public void HaltStopsTheRun()
    {
        var f = Fn("f", Int, [], new HaltStmt("abort()", At(2, 2)), Ret(Lit(1)));
        var outcome = Run(CProgram(f), "f", []).Outcome;
        Assert.That(outcome, Is.EqualTo(new Halted(At(2, 2), "abort()")));
        Assert.That(outcome.Terminates, Is.True);
    }

    [Test]
    public void NondetValuesAreDrawnInOrderIncludingUninitializedLocals()
    {
        // int a = nondet(); int b; return h(nondet(), nondet()) * 1000 + a * 10 + b;  with h(p, q) = p - q.
        var h = Fn("h", Int, [("p", Int), ("q", Int)], Ret(Sub(V("p"), V("q"))));
        var f = Fn("f", Int, [],
            Decl("a", Int, Nondet()),
            Decl("b", Int),
            Ret(Add(Add(Bin(BinaryOp.Mul, Call("h", Nondet(), Nondet()), Lit(1000)), Bin(BinaryOp.Mul, V("a"), Lit(10))), V("b"))));
        var result = Run(CProgram(h, f), "f", [], [1, 2, 9, 4]);
        Assert.That(result.Outcome, Is.EqualTo(new Returned(5000 + 10 + 2)));
        Assert.That(result.NondetConsumed, Is.EqualTo(4));
    }

    [Test]
    public void RunningOutOfNondetValuesStops()
    {
        var f = Fn("f", Int, [], Decl("a", Int, Nondet()), Ret(Add(V("a"), new NondetExpr(Int, At(7, 7)))));
        Assert.That(Run(CProgram(f), "f", [], [1]).Outcome, Is.EqualTo(new OutOfNondetValues(At(7, 7))));
    }

    [Test]
    public void NondetValuesMustFitTheirType()
    {
        var f = Fn("f", Int, [], Ret(Nondet(UInt)));
        Assert.Multiple(() =>
        {
            Assert.That(Run(CProgram(f), "f", [], [UIntMax + 1]).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(CProgram(f), "f", [], [-1], MathOptions).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(CProgram(f), "f", [], [UIntMax + 1], MathOptions).Outcome, Is.EqualTo(new Returned(UIntMax + 1)));
        });
    }

    [Test]
    public void CyclicNondetGivesALasso()
    {
        // int x = 0; while (1) { x = nondet(); }  with the cycle 1, 2: states (0,@0) (1,@1) (2,@0) (1,@1).
        var loop = At(4, 1);
        var f = Fn("f", VoidType, [], Decl("x", Int, Lit(0)), While(null, Set("x", Nondet()), at: loop));
        var cyclic = COptions with { LoopWatch = loop, NondetCycleStart = 0 };
        var result = Run(CProgram(f), "f", [], [1, 2], cyclic);
        Assert.That(result.Outcome, Is.EqualTo(new Lasso(1, 2)));
        Assert.That(result.LoopHeadStates.Select(s => s.NondetPosition), Is.EqualTo(CyclicPositions));

        var once = Run(CProgram(f), "f", [], [1, 2], cyclic with { NondetCycleStart = null });
        Assert.That(once.Outcome, Is.TypeOf<OutOfNondetValues>());
    }

    [Test]
    public void ValuesBeforeTheCycleAreDrawnOnceAndTheCycleRepeats()
    {
        // int x = nondet(); while (1) { x = nondet(); }  with 7 drawn once, then the cycle 1, 2:
        // states (7,@1) (1,@2) (2,@1) (1,@2); the value 7 never comes back.
        var loop = At(4, 1);
        var f = Fn("f", VoidType, [], Decl("x", Int, Nondet()), While(null, Set("x", Nondet()), at: loop));
        var result = Run(CProgram(f), "f", [], [7, 1, 2], COptions with { LoopWatch = loop, NondetCycleStart = 1 });
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(new Lasso(1, 2)));
            Assert.That(result.LoopHeadStates.Select(s => s.NondetPosition), Is.EqualTo(StemAndCyclePositions));
            Assert.That(result.NondetConsumed, Is.EqualTo(4));
        });
    }

    [Test]
    public void EqualNondetValuesAreNoLassoWhenNotCyclic()
    {
        // Values are drawn during the cycle, so the run is not deterministic: no lasso, whatever the values.
        var loop = At(4, 1);
        var f = Fn("f", VoidType, [], Decl("x", Int, Lit(1)), While(null, Set("x", Nondet()), at: loop));
        var result = Run(CProgram(f), "f", [], [1, 1, 1, 1], COptions with { LoopWatch = loop });
        Assert.That(result.Outcome, Is.TypeOf<OutOfNondetValues>());
        Assert.That(result.LoopHeadStates, Has.Length.EqualTo(5));
    }

    [Test]
    public void StepLimitIsExact()
    {
        var f = Fn("f", VoidType, [("x", Int)], While(null, Set("x", Add(V("x"), Lit(1)))));
        var result = Run(CProgram(f), "f", [0], options: MathOptions with { StepLimit = 100 });
        Assert.That(result.Outcome, Is.EqualTo(new StepLimit()));
        Assert.That(result.Steps, Is.EqualTo(100));
    }

    [Test]
    public void ArgumentsAndReturnValuesConvertToDeclaredTypes()
    {
        var toBool = Fn("toBool", Int, [("b", Bool)], Ret(V("b")));
        var toUnsigned = Fn("toUnsigned", LongLong, [("u", UInt)], Ret(V("u")));
        var toInt = Fn("toInt", Int, [("u", UInt)], Ret(V("u")));
        var program = CProgram(toBool, toUnsigned, toInt,
            Fn("a", Int, [], Ret(Call("toBool", Lit(5)))),
            Fn("b", LongLong, [], Ret(Call("toUnsigned", Neg(Lit(1))))));
        Assert.Multiple(() =>
        {
            Assert.That(Run(program, "a", []).Outcome, Is.EqualTo(new Returned(1)));
            Assert.That(Run(program, "b", []).Outcome, Is.EqualTo(new Returned(UIntMax)));
            // Implementation-defined in C; two's complement wrap as gcc does.
            Assert.That(Run(program, "toInt", [UIntMax]).Outcome, Is.EqualTo(new Returned(-1)));
        });
    }

    [Test]
    public void AssignmentConvertsToTheVariableType()
    {
        var f = Fn("f", LongLong, [], Decl("x", Int, Lit(UIntMax, UInt)), Decl("b", Bool, Lit(7)), Ret(Add(V("x"), Bin(BinaryOp.Mul, V("b"), Lit(10)))));
        Assert.That(Run(CProgram(f), "f", []).Outcome, Is.EqualTo(new Returned(9)));
        // Math semantics: no wrap, but bool still holds 0/1.
        Assert.That(Run(CProgram(f), "f", [], options: MathOptions).Outcome, Is.EqualTo(new Returned(UIntMax + 10)));
    }

    [Test]
    public void RecursionComputesAndDepthIsLimited()
    {
        // long long fact(int n) { if (n <= 1) return 1; return n * fact(n - 1); }
        var fact = Fn("fact", LongLong, [("n", Int)],
            If(Bin(BinaryOp.Le, V("n"), Lit(1)), Ret(Lit(1))),
            Ret(Bin(BinaryOp.Mul, V("n"), Call("fact", Sub(V("n"), Lit(1))))));
        var down = Fn("down", Int, [("n", Big)], Ret(Call("down", Add(V("n"), Lit(1)))));
        var program = CProgram(fact, down);
        Assert.That(Run(program, "fact", [20]).Outcome, Is.EqualTo(new Returned(2432902008176640000)));
        var deep = Run(program, "down", [0], options: MathOptions with { StepLimit = 1_000_000 });
        Assert.That(deep.Outcome, Is.TypeOf<DepthLimit>());
    }

    [Test]
    public void WatchedRecursionStopsWhenACallRepeatsTheStateOfARunningOne()
    {
        // int spin(int n) { return spin(n / 2); }: from 8 the calls get 4, 2, 1, 0 and then 0 again.
        var spin = Fn("spin", Int, [("n", Int)], Ret(Call("spin", Bin(BinaryOp.Div, V("n"), Lit(2)))));
        // int down(int n) { if (n <= 0) return 0; return down(n - 1); }
        var down = Fn("down", Int, [("n", Int)], If(Bin(BinaryOp.Le, V("n"), Lit(0)), Ret(Lit(0))), Ret(Call("down", Sub(V("n"), Lit(1)))));
        // int drawing(int n) { int a = nondet(); return drawing(n); }: each call draws first, so no call repeats a state.
        var drawing = Fn("drawing", Int, [("n", Int)], Decl("a", Int, Nondet()), Ret(Call("drawing", V("n"))));
        var program = CProgram(spin, down, drawing);
        var watch = COptions with { WatchRecursion = true };

        var spun = Run(program, "spin", [8], options: watch).Outcome;
        Assert.That(spun, Is.TypeOf<InfiniteRecursion>());
        Assert.That(((InfiniteRecursion)spun).Depth, Is.EqualTo(6));
        Assert.That(Run(program, "spin", [8]).Outcome, Is.TypeOf<DepthLimit>(), "only a watched run looks for repeated calls");
        Assert.That(Run(program, "down", [5], options: watch).Outcome, Is.EqualTo(new Returned(0)));
        Assert.That(Run(program, "drawing", [1], [.. Enumerable.Repeat(BigInteger.Zero, 5)], options: watch).Outcome, Is.TypeOf<OutOfNondetValues>());

        // int outer(int n) { return spin(n); }: a callee's calls are watched too.
        var outer = Fn("outer", Int, [("n", Int)], Ret(Call("spin", V("n"))));
        var nested = Run(CProgram(spin, outer), "outer", [8], options: watch).Outcome;
        Assert.That(nested, Is.TypeOf<InfiniteRecursion>());
        Assert.That(((InfiniteRecursion)nested).Depth, Is.EqualTo(7));
    }

    [Test]
    public void UsingTheValueOfAFunctionWithoutReturnIsUndefined()
    {
        var v = Fn("v", Int, [], Do(Lit(0)));
        var program = CProgram(v, Fn("f", Int, [], Do(Call("v")), Ret(Add(Call("v"), Lit(1)))));
        Assert.That(Run(program, "v", []).Outcome, Is.EqualTo(new Returned(null)));
        Assert.That(Run(program, "f", []).Outcome, Is.TypeOf<UndefinedBehaviour>());
    }

    [Test]
    public void DoWhileRunsTheBodyFirst()
    {
        var loop = new LoopStmt(LoopKind.DoWhile, Lt(V("i"), Lit(5)), Set("n", Add(V("n"), Lit(1))), null, null, At(3, 1));
        var f = Fn("f", Int, [("i", Int)], Decl("n", Int, Lit(0)), loop, Ret(V("n")));
        Assert.That(Run(CProgram(f), "f", [10]).Outcome, Is.EqualTo(new Returned(1)));
        // Watched do-while loops are recorded at each test of the condition, after the body.
        var watched = Run(CProgram(f), "f", [10], options: COptions with { LoopWatch = At(3, 1) });
        Assert.That(watched.LoopHeadStates.Single().Variables["n"], Is.EqualTo(BigInteger.One));
    }

    [Test]
    public void ForStepRunsOnContinue()
    {
        // for (i = 0; i < 10; i = i + 1) { if (i % 2 == 0) continue; s = s + i; }  → 1+3+5+7+9
        var body = Block(If(Eq(Bin(BinaryOp.Rem, V("i"), Lit(2)), Lit(0)), new ContinueStmt(Here())), Set("s", Add(V("s"), V("i"))));
        var loop = new LoopStmt(LoopKind.For, Lt(V("i"), Lit(10)), body, Assign("i", Add(V("i"), Lit(1))), null, Here());
        var f = Fn("f", Int, [], Decl("s", Int, Lit(0)), Decl("i", Int, Lit(0)), loop, Ret(V("s")));
        Assert.That(Run(CProgram(f), "f", []).Outcome, Is.EqualTo(new Returned(25)));
    }

    [Test]
    public void BreakSkipsTheElseButAFalseConditionRunsIt()
    {
        // while (i < 3) { if (i == k) break; i = i + 1; } else { i = i + 10; }
        var loop = While(Lt(V("i"), Lit(3)),
            Block(If(Eq(V("i"), V("k")), new BreakStmt(Here())), Set("i", Add(V("i"), Lit(1)))),
            Set("i", Add(V("i"), Lit(10))));
        var f = Fn("f", Int, [("k", Int)], Decl("i", Int, Lit(0)), loop, Ret(V("i")));
        Assert.That(Run(CProgram(f), "f", [1]).Outcome, Is.EqualTo(new Returned(1)));
        Assert.That(Run(CProgram(f), "f", [7]).Outcome, Is.EqualTo(new Returned(13)));
    }

    [Test]
    public void PostfixIncrementYieldsTheOldValue()
    {
        var f = Fn("f", Int, [], Decl("i", Int, Lit(5)), Decl("j", Int, Assign("i", Add(V("i"), Lit(1)), yieldsOld: true)),
            Ret(Add(Bin(BinaryOp.Mul, V("j"), Lit(10)), V("i"))));
        Assert.That(Run(CProgram(f), "f", []).Outcome, Is.EqualTo(new Returned(56)));
    }

    [Test]
    public void LogicalOperatorsShortCircuit()
    {
        Assert.That(Eval(Bin(BinaryOp.And, Lit(0), Bin(BinaryOp.Div, Lit(1), Lit(0)))), Is.EqualTo(new Returned(0)));
        Assert.That(Eval(Bin(BinaryOp.Or, Lit(2), Nondet())), Is.EqualTo(new Returned(1)));
        Assert.That(Eval(Bin(BinaryOp.And, Lit(2), Lit(3))), Is.EqualTo(new Returned(1)));
        var conditional = new ConditionalExpr(Lit(1), Lit(4), Bin(BinaryOp.Div, Lit(1), Lit(0)), Here());
        Assert.That(Eval(conditional), Is.EqualTo(new Returned(4)));
    }

    [Test]
    public void PythonAndOrYieldTheDecidingOperand()
    {
        Assert.That(Eval(Bin(BinaryOp.And, Lit(3, Big), Lit(5, Big)), language: SourceLanguage.Python), Is.EqualTo(new Returned(5)));
        Assert.That(Eval(Bin(BinaryOp.Or, Lit(0, Big), Lit(7, Big)), language: SourceLanguage.Python), Is.EqualTo(new Returned(7)));
    }

    [Test]
    public void ConditionalConvertsToTheCommonTypeOfBothBranches()
    {
        // (1 ? -1 : 1u) > 0 is true in C: the result is unsigned.
        var e = Gt(new ConditionalExpr(Lit(1), Neg(Lit(1)), Lit(1, UInt), Here()), Lit(0));
        Assert.That(Eval(e), Is.EqualTo(new Returned(1)));
        Assert.That(Eval(e, IntegerSemantics.Math), Is.EqualTo(new Returned(0)));
    }

    [Test]
    public void GlobalsStartAtZeroOrTheirInitializerAndCalleesSeeUpdates()
    {
        var bump = Fn("bump", VoidType, [], Set("g", Add(V("g"), V("h"))));
        var f = Fn("f", Int, [], Do(Call("bump")), Do(Call("bump")), Ret(Add(V("g"), V("z"))));
        ImmutableArray<GlobalDecl> globals = [new("g", Int, null, Here()), new("h", Int, Lit(3), Here()), new("z", Int, null, Here())];
        Assert.That(Run(CProgram(globals, bump, f), "f", []).Outcome, Is.EqualTo(new Returned(6)));
    }

    [Test]
    public void TerminatesUsesTheGivenFacts()
    {
        var f = Fn("f", Int, [], Ret(new TerminatesExpr("h", Here())));
        var known = COptions with { TerminationFacts = new Dictionary<string, bool> { ["h"] = true } };
        Assert.That(Run(CProgram(f), "f", [], options: known).Outcome, Is.EqualTo(new Returned(1)));
        Assert.That(Run(CProgram(f), "f", []).Outcome, Is.EqualTo(new Unresolved("h")));
    }

    [Test]
    public void BadInputsAreReported()
    {
        var program = CProgram(G2);
        Assert.Multiple(() =>
        {
            Assert.That(Run(program, "g2", [IntMax + 1, 0]).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(program, "g2", [1]).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(program, "nope", []).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(program, "g2", [1, 1], options: COptions with { LoopWatch = At(77, 1) }).Outcome, Is.TypeOf<InvalidInput>());
            Assert.That(Run(program, "g2", [IntMax + 1, -(IntMax + 1)], options: MathOptions).Outcome, Is.EqualTo(new Returned(0)));
        });
    }

    [Test]
    public void NonPositiveStepLimitIsRejected() =>
        Assert.That(() => Run(CProgram(G), "g", [1], options: COptions with { StepLimit = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void ParallelAssignmentEvaluatesAllValuesFirst()
    {
        // a, b = b, a % b  (Euclid)
        var body = new ParallelAssignStmt(["a", "b"], [V("b"), Bin(BinaryOp.FloorMod, V("a"), V("b"))], Here());
        var f = Fn("gcd", Big, [("a", Big), ("b", Big)], While(Bin(BinaryOp.Ne, V("b"), Lit(0, Big)), body), Ret(V("a")));
        Assert.That(Run(PyProgram(f), "gcd", [84, 36]).Outcome, Is.EqualTo(new Returned(12)));
    }

    [Test]
    public void PythonLocalsAreBoundByAssignment()
    {
        // if c: y = 1  /  return y  — y has no declaration; reading it unassigned raises UnboundLocalError.
        var f = Fn("f", Big, [("c", Big)], If(V("c"), Set("y", Lit(1, Big))), Ret(V("y")));
        Assert.That(Run(PyProgram(f), "f", [1]).Outcome, Is.EqualTo(new Returned(1)));
        Assert.That(Run(PyProgram(f), "f", [0]).Outcome, Is.TypeOf<Halted>());
    }
}
