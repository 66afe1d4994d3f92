using System.Collections.Immutable;
using System.Numerics;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniPyParser;

namespace Terminator.Frontend.Python;

/// <summary>Statements: blocks, assignments, if/while/for (range loops desugared), jumps and assertions.</summary>
internal sealed partial class PyParseTreeConverter
{
    private List<Stmt> BlockStatements(BlockContext block, bool functionBody = false)
    {
        var result = new List<Stmt>();
        if (block.simpleStmts() is { } simple)
        {
            SimpleStatements(simple, result, functionBody, leading: functionBody);
            return result;
        }

        // The assertions before any other statement of a function are its assumptions about the inputs.
        var leading = functionBody;
        var statements = block.stmt();
        for (var i = 0; i < statements.Length; i++)
        {
            if (statements[i].compoundStmt() is { } compound)
            {
                leading = false;
                result.Add(Compound(compound));
            }
            else
            {
                leading = SimpleStatements(statements[i].simpleStmts(), result, functionBody && i == 0, leading);
            }
        }

        return result;
    }

    private BlockStmt Block(BlockContext block) => new([.. BlockStatements(block)], At(block));

    /// <summary>Converts a line of simple statements; returns whether the following statements are still leading.</summary>
    private bool SimpleStatements(SimpleStmtsContext line, List<Stmt> into, bool mayBeDocstring, bool leading)
    {
        var statements = line.simpleStmt();
        for (var i = 0; i < statements.Length; i++)
        {
            var statement = statements[i];
            if (mayBeDocstring && i == 0 && statement is ExpressionStatementContext e && IsDocstring(e))
            {
                continue;
            }

            if (statement is AssertStatementContext assertion)
            {
                into.Add(Assert(assertion, leading));
                continue;
            }

            leading = false;
            if (Simple(statement) is { } converted)
            {
                into.Add(converted);
            }
        }

        return leading;
    }

    private Stmt? Simple(SimpleStmtContext statement)
    {
        var span = At(statement);
        switch (statement)
        {
            case ExpressionStatementContext e:
                return ExpressionStatement(e.exprStmt());
            case PassStatementContext:
                return null;
            case BreakStatementContext or ContinueStatementContext:
                if (loopDepth == 0)
                {
                    throw new SourceException(span, $"syntax error: '{statement.GetText()}' outside loop");
                }

                assigned = null;
                return statement is BreakStatementContext ? new BreakStmt(span) : new ContinueStmt(span);
            case ReturnStatementContext r:
                var value = r.testList() is { } list ? Single(list, "tuple") : null;
                assigned = null;
                return new ReturnStmt(value, span);
            case RaiseStatementContext:
                // An exception ends the function (there is no try in the subset); what it carries does not matter.
                assigned = null;
                return new HaltStmt($"exception: {statement.GetText()}", span);
            case ImportStatementContext or FromImportStatementContext:
                CheckImport(statement);
                return null;
            case GlobalStatementContext g:
                throw SourceException.Unsupported(span, g.kind.Text);
            case DelStatementContext:
                throw SourceException.Unsupported(span, "del");
            case YieldStatementContext:
                throw SourceException.Unsupported(span, "yield (generators)");
            default:
                throw SourceException.Unsupported(span, "statement");
        }
    }

    private Stmt? ExpressionStatement(ExprStmtContext statement)
    {
        var span = At(statement);
        var lists = statement.testList();
        if (statement.augAssign() is { } augmented)
        {
            var target = TargetName(SingleTest(lists[0], "augmented assignment to several targets"));
            var op = ArithmeticOperator(augmented.Start);
            var current = Read(target.Name, target.Token);
            var value = Single(lists[1], "tuple");
            return new ExprStmt(new AssignExpr(target.Name, new BinaryExpr(op, current, value, At(target.Token)), false, span), span);
        }

        if (statement.annotation is not null)
        {
            // x: int = e assigns like x = e; a bare x: int binds nothing. The annotation is ignored.
            var annotated = TargetName(SingleTest(lists[0], "annotated assignment to several targets"));
            if (lists.Length == 1)
            {
                return null;
            }

            var annotatedValue = Single(lists[1], "tuple");
            MarkAssigned(annotated.Name);
            return new ExprStmt(new AssignExpr(annotated.Name, annotatedValue, false, span), span);
        }

        if (lists.Length == 1)
        {
            if (AtomOf(lists[0].test(0)) is (StringAtomContext s, 0))
            {
                throw SourceException.Unsupported(At(s), "string");
            }

            return new ExprStmt(Single(lists[0], "tuple"), span);
        }

        if (lists.Length > 2)
        {
            throw SourceException.Unsupported(At(statement.ASSIGN(1).Symbol), "chained assignment");
        }

        var targets = lists[0].test();
        if (targets.Length == 1 && lists[0].trailingComma is null)
        {
            var target = TargetName(targets[0]);
            var value = Single(lists[1], "tuple");
            MarkAssigned(target.Name);
            return new ExprStmt(new AssignExpr(target.Name, value, false, span), span);
        }

        // a, b = b, a % b: every value is computed before any target changes.
        var names = targets.Select(TargetName).ToList();
        var values = lists[1].test();
        if (values.Length != names.Count)
        {
            throw SourceException.Unsupported(At(lists[1]), "unpacking anything but a tuple of the same length");
        }

        if (names.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw SourceException.Unsupported(At(duplicate.Last().Token), $"assigning '{duplicate.Key}' twice in one statement");
        }

        var converted = values.Select(Expression).ToImmutableArray();
        foreach (var name in names)
        {
            MarkAssigned(name.Name);
        }

        return new ParallelAssignStmt([.. names.Select(n => n.Name)], converted, span);
    }

    private (string Name, Antlr4.Runtime.IToken Token) TargetName(TestContext target)
    {
        var atom = AtomOf(target);
        if (atom is (NameAtomContext name, 0))
        {
            return (name.NAME().GetText(), name.Start);
        }

        var power = atom is null ? null : atom.Value.Atom.Parent as AtomExprContext;
        var trailer = power?.trailer().LastOrDefault();
        throw SourceException.Unsupported(
            At(trailer ?? (Antlr4.Runtime.ParserRuleContext)target),
            trailer switch
            {
                SubscriptTrailerContext => "assignment to a subscript",
                AttributeTrailerContext => "assignment to an attribute",
                _ => "assignment target other than a name",
            });
    }

    /// <summary>The one expression of <paramref name="list"/>, converted; a tuple is refused as <paramref name="what"/>.</summary>
    private Expr Single(TestListContext list, string what) => Expression(SingleTest(list, what));

    /// <summary>The one test of <paramref name="list"/>; a tuple is refused as <paramref name="what"/>.</summary>
    private TestContext SingleTest(TestListContext list, string what) =>
        list.test().Length == 1 && list.trailingComma is null ? list.test(0) : throw SourceException.Unsupported(At(list), what);

    private Stmt Assert(AssertStatementContext assertion, bool leading)
    {
        var span = At(assertion);
        var condition = assertion.test(0);
        if (leading && Conjuncts(condition) is { } conjuncts && conjuncts.Any(IsInstanceCheck))
        {
            // assert isinstance(x, int) and ...: every value is an int, so this states what the inputs are.
            var rest = conjuncts.Where(c => !IsInstanceCheck(c)).Select(NotTest).ToList();
            return rest.Count == 0
                ? new BlockStmt([], span)
                : new AssumeStmt(rest.Skip(1).Aggregate(rest[0], (a, b) => new BinaryExpr(BinaryOp.And, a, b, a.Span)), span);
        }

        return new AssertStmt(Expression(condition), span);
    }

    private static NotTestContext[]? Conjuncts(TestContext test) =>
        test is ConditionalTestContext c && c.IF() is null && c.orTest(0).andTest() is [var and] ? and.notTest() : null;

    private bool IsInstanceCheck(NotTestContext test) =>
        test is ComparisonExpressionContext comparison && comparison.comparison().expr() is [FactorExpressionContext factor]
        && factor.factor() is PowerFactorContext power && power.POWER() is null
        && power.atomExpr() is { } atomExpr && atomExpr.atom() is NameAtomContext name && name.GetText() == "isinstance"
        && atomExpr.trailer() is [CallTrailerContext] && !functionArity.ContainsKey("isinstance") && !locals.Contains("isinstance")
        && IsInstanceOfInt(atomExpr);

    private Stmt Compound(CompoundStmtContext statement) => statement switch
    {
        IfStatementContext i => If(i),
        WhileStatementContext w => While(w),
        ForStatementContext f => For(f),
        FunctionDefinitionContext d => throw SourceException.Unsupported(At(d), "nested function"),
        _ => throw CompoundOutsideFunction(statement),
    };

    private IfStmt If(IfStatementContext statement)
    {
        var conditions = statement.elifClause().Select(e => (e.test(), e.block(), At(e))).Prepend((statement.test(), statement.block(), At(statement))).ToList();
        return IfChain(conditions, 0, statement.elseClause());
    }

    private IfStmt IfChain(List<(TestContext Test, BlockContext Block, SourceSpan Span)> branches, int index, ElseClauseContext? last)
    {
        var (test, block, span) = branches[index];
        var condition = Expression(test);
        var before = Copy(assigned);
        var then = Block(block);
        var afterThen = assigned;
        assigned = Copy(before);
        Stmt? otherwise = index + 1 < branches.Count ? IfChain(branches, index + 1, last) : last is null ? null : Block(last.block());
        assigned = Join(afterThen, assigned);
        return new IfStmt(condition, then, otherwise, span);
    }

    private LoopStmt While(WhileStatementContext statement)
    {
        var condition = Expression(statement.test());
        var (body, otherwise) = LoopParts(statement.block(), statement.elseClause(), null);
        return new LoopStmt(LoopKind.While, condition, body, null, otherwise, At(statement));
    }

    /// <summary>
    /// The body and else part of a loop. Names assigned in them do not count as assigned afterwards: the body may
    /// not run, and a break skips the else part.
    /// </summary>
    private (BlockStmt Body, BlockStmt? Else) LoopParts(BlockContext body, ElseClauseContext? otherwise, string? loopVariable, List<Stmt>? prefix = null)
    {
        var before = Copy(assigned);
        if (loopVariable is not null)
        {
            MarkAssigned(loopVariable);
        }

        loopDepth++;
        var statements = BlockStatements(body);
        loopDepth--;
        assigned = Copy(before);
        var convertedElse = otherwise is null ? null : Block(otherwise.block());
        assigned = before;
        return (new BlockStmt([.. prefix ?? [], .. statements], At(body)), convertedElse);
    }

    /// <summary>
    /// <c>for v in range(a, b, step)</c> becomes a while loop over a hidden counter. The bounds and step are evaluated
    /// once into hidden variables (their names cannot clash with Python identifiers), so nothing the body does to the
    /// variables the bounds came from changes the iteration count: a range loop always ends.
    /// </summary>
    private BlockStmt For(ForStatementContext statement)
    {
        var span = At(statement);
        var target = TargetName(SingleTest(statement.testList(0), "for loop with several targets"));
        var iterable = SingleTest(statement.testList(1), "for loop over a tuple");
        if (AtomOf(iterable) is not (NameAtomContext { } range, 1) || range.GetText() != "range"
            || functionArity.ContainsKey("range") || locals.Contains("range")
            || ((AtomExprContext)range.Parent).trailer(0) is not CallTrailerContext call)
        {
            throw SourceException.Unsupported(At(iterable), "for loop over anything but range()");
        }

        var arguments = Arguments(call, "range");
        if (arguments.Count is < 1 or > 3)
        {
            throw new SourceException(At(iterable), $"range() takes 1 to 3 arguments, {arguments.Count} given");
        }

        // The hidden variables are named after the loop's line (and column, when a line has two), which answers show:
        // range@7.next is the next value the range at line 7 yields, range@7.stop its stop. No Python name has an '@'.
        var prefix = rangeNames.Add($"range@{span.Line}") ? $"range@{span.Line}" : $"range@{span.Line}:{span.Column}";
        rangeNames.Add(prefix);
        var setup = new List<Stmt>();
        var start = arguments.Count > 1 ? Hold($"{prefix}.start", arguments[0], setup) : new IntLiteral(0, ScalarType.Unbounded, span);
        var stop = Hold($"{prefix}.stop", arguments[arguments.Count > 1 ? 1 : 0], setup);
        var step = arguments.Count > 2 ? Hold($"{prefix}.step", arguments[2], setup) : new IntLiteral(1, ScalarType.Unbounded, span);
        var constantStep = Constant(step);
        if (constantStep is null)
        {
            setup.Add(new IfStmt(
                new BinaryExpr(BinaryOp.Eq, step, new IntLiteral(0, ScalarType.Unbounded, span), span),
                new HaltStmt(RangeStepZero, span),
                null,
                span));
        }
        else if (constantStep.Value.IsZero)
        {
            setup.Add(new HaltStmt(RangeStepZero, span));
        }

        var counterName = $"{prefix}.next";
        setup.Add(new VarDeclStmt(counterName, ScalarType.Unbounded, start, span));
        var counter = new VarRef(counterName, span);
        var ascending = new BinaryExpr(BinaryOp.Lt, counter, stop, span);
        var descending = new BinaryExpr(BinaryOp.Gt, counter, stop, span);
        Expr condition = constantStep is null
            ? new ConditionalExpr(new BinaryExpr(BinaryOp.Gt, step, new IntLiteral(0, ScalarType.Unbounded, span), span), ascending, descending, span)
            : constantStep.Value.Sign > 0 ? ascending : descending;

        // The variable is set and the counter advanced first, so that continue moves on to the next value.
        List<Stmt> advance =
        [
            new ExprStmt(new AssignExpr(target.Name, counter, false, span), span),
            new ExprStmt(new AssignExpr(counterName, new BinaryExpr(BinaryOp.Add, counter, step, span), false, span), span),
        ];
        var (body, otherwise) = LoopParts(statement.block(), statement.elseClause(), target.Name, advance);
        setup.Add(new LoopStmt(LoopKind.While, condition, body, null, otherwise, span));
        return new BlockStmt([.. setup], span);
    }

    private const string RangeStepZero = "ValueError: range() arg 3 must not be zero";

    /// <summary>A constant as it is; anything else evaluated once into the hidden variable <paramref name="name"/>.</summary>
    private static Expr Hold(string name, Expr value, List<Stmt> setup)
    {
        if (Constant(value) is not null)
        {
            return value;
        }

        setup.Add(new VarDeclStmt(name, ScalarType.Unbounded, value, value.Span));
        return new VarRef(name, value.Span);
    }

    private static BigInteger? Constant(Expr value) => value switch
    {
        IntLiteral literal => literal.Value,
        UnaryExpr { Op: UnaryOp.Negate, Operand: IntLiteral literal } => -literal.Value,
        _ => null,
    };

    private void MarkAssigned(string name) => assigned?.Add(name);

    private static HashSet<string>? Copy(HashSet<string>? names) => names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);

    /// <summary>The names surely assigned where two paths meet; an unreachable path (null) adds no constraint.</summary>
    private static HashSet<string>? Join(HashSet<string>? a, HashSet<string>? b)
    {
        if (a is null || b is null)
        {
            return Copy(a ?? b);
        }

        var result = Copy(a)!;
        result.IntersectWith(b);
        return result;
    }
}
