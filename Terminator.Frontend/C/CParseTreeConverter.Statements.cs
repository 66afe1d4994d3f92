using System.Numerics;
using System.Text.RegularExpressions;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>Statements and preprocessor lines.</summary>
internal sealed partial class CParseTreeConverter
{
    // ------------------------------------------------------------------ statements

    private BlockStmt ConvertBlock(CompoundStatementContext block, bool opensScope = true)
    {
        var span = At(block);
        if (opensScope)
        {
            _scopes.Push();
        }

        var statements = new List<Stmt>();
        foreach (var item in block.blockItem())
        {
            if ((item.declaration() ?? DeclarationReadAsStatement(item)) is { } declaration)
            {
                statements.AddRange(ConvertDeclaration(declaration.declarationSpecifiers(), declaration.initDeclaratorList()));
            }
            else if (item.DirectiveLine() is { } directive)
            {
                ProcessDirective(directive.Symbol);
            }
            else if (item.statement() is not ExpressionStatementContext empty || empty.expression() is not null)
            {
                // Empty statements are dropped: a block needs no placeholder for them.
                statements.Add(ConvertStatement(item.statement()));
            }
        }

        if (opensScope)
        {
            _scopes.Pop();
        }

        return new BlockStmt([.. statements], span);
    }

    /// <summary>
    /// <c>T *p = e;</c> with a typedef name T, which the grammar reads as a statement (a product assigned to), since it
    /// tries a statement first: the declaration it is, read again from its tokens. Null for any other block item.
    /// </summary>
    private DeclarationContext? DeclarationReadAsStatement(BlockItemContext item)
    {
        if (item.statement() is not ExpressionStatementContext { } statement
            || statement.Start.Type != IdentifierType
            || _macros.ContainsKey(statement.Start.Text)
            || _scopes.Lookup(statement.Start.Text) is not (TypeSymbol or StructTypeSymbol or RecordPointerTypeSymbol)
            || Tokens(statement).Skip(1).FirstOrDefault()?.Text != "*")
        {
            return null;
        }

        return ParseWhole(Tokens(statement), parser => parser.declaration());
    }

    private Stmt ConvertStatement(StatementContext statement)
    {
        var span = At(statement);
        return statement switch
        {
            WhileStatementContext or DoWhileStatementContext or ForStatementContext when ConvertLoopChoosingObject(statement) is { } chosen => chosen,
            LabeledStatementContext labeled => new LabeledStmt(labeled.Identifier().GetText(), ConvertStatement(labeled.statement()), span),
            BlockStatementContext block => ConvertBlock(block.compoundStatement()),
            ExpressionStatementContext expression => ConvertExpressionStatement(expression),
            IfStatementContext conditional => new IfStmt(
                Condition(conditional.expression()),
                ConvertStatement(conditional.statement(0)),
                conditional.elseBranch is { } elseBranch ? ConvertStatement(elseBranch) : null,
                span),
            WhileStatementContext loop => new LoopStmt(
                LoopKind.While, Condition(loop.expression()), ConvertLoopBody(loop.statement()), null, null, span),
            DoWhileStatementContext loop => ConvertDoWhile(loop, span),
            ForStatementContext loop => ConvertFor(loop, span),
            ContinueStatementContext => _loopDepth > 0 ? new ContinueStmt(span) : throw new SourceException(span, "'continue' outside a loop"),
            BreakStatementContext => _loopDepth + _switchDepth > 0 ? new BreakStmt(span) : throw new SourceException(span, "'break' outside a loop or switch"),
            ReturnStatementContext ret when _returnsRecord is { } record => ConvertRecordReturn(ret, record, span),
            ReturnStatementContext ret when _returnsPointer => ConvertPointerReturn(ret, span),
            ReturnStatementContext ret => new ReturnStmt(ret.expression() is { } value ? ConvertExpression(value) : null, span),
            GotoStatementContext jump => new GotoStmt(jump.Identifier().GetText(), span),
            AsmStatementContext => throw SourceException.Unsupported(span, "inline assembly"),
            SwitchStatementContext choice => ConvertSwitch(choice, span),
            CaseStatementContext or DefaultStatementContext when _switchDepth == 0 =>
                throw new SourceException(span, $"'{statement.Start.Text}' label outside a switch"),
            CaseStatementContext or DefaultStatementContext =>
                throw SourceException.Unsupported(span, $"'{statement.Start.Text}' label inside a nested statement of the switch"),
            _ => throw SourceException.Unsupported(span, "statement"),
        };
    }

    private Stmt ConvertLoopBody(StatementContext body)
    {
        _loopDepth++;
        var converted = ConvertStatement(body);
        _loopDepth--;
        return converted;
    }

    /// <summary>
    /// <c>switch</c> whose case and default labels are on statements of its body block (not nested deeper): the body
    /// splits into sections at the labels.
    /// </summary>
    private SwitchStmt ConvertSwitch(SwitchStatementContext choice, SourceSpan span)
    {
        var value = ConvertExpression(choice.expression());
        var sections = new List<(List<BigInteger> Labels, bool IsDefault, List<Stmt> Statements, SourceSpan Span)>();
        _switchDepth++;
        _scopes.Push();
        IEnumerable<BlockItemContext?> items = choice.statement() is BlockStatementContext block ? block.compoundStatement().blockItem() : [null];
        foreach (var item in items)
        {
            if (item?.declaration() is { } declaration)
            {
                throw SourceException.Unsupported(At(declaration), "declaration in the body of a switch");
            }

            if (item?.DirectiveLine() is { } directive)
            {
                ProcessDirective(directive.Symbol);
                continue;
            }

            var statement = item?.statement() ?? choice.statement();
            while (statement is CaseStatementContext or DefaultStatementContext)
            {
                if (sections.Count == 0 || sections[^1].Statements.Count > 0)
                {
                    sections.Add(([], false, [], At(statement)));
                }

                if (statement is CaseStatementContext labelled)
                {
                    sections[^1].Labels.Add(ConstantEvaluator.Evaluate(ConvertExpression(labelled.expression())).Value);
                    statement = labelled.statement();
                }
                else
                {
                    sections[^1] = sections[^1] with { IsDefault = true };
                    statement = ((DefaultStatementContext)statement).statement();
                }
            }

            if (statement is ExpressionStatementContext { } empty && empty.expression() is null)
            {
                continue;
            }

            if (sections.Count == 0)
            {
                // Statements before the first label run only when a goto jumps to them.
                sections.Add(([], false, [], At(statement)));
            }

            sections[^1].Statements.Add(ConvertStatement(statement));
        }

        _scopes.Pop();
        _switchDepth--;
        return new SwitchStmt(value, [.. sections.Select(s => new SwitchSection([.. s.Labels], s.IsDefault, [.. s.Statements], s.Span))], span);
    }

    private LoopStmt ConvertDoWhile(DoWhileStatementContext loop, SourceSpan span)
    {
        var body = ConvertLoopBody(loop.statement());
        return new LoopStmt(LoopKind.DoWhile, Condition(loop.expression()), body, null, null, span);
    }

    /// <summary><c>for (init; c; step) body</c> becomes a block: the init statements, then the loop.</summary>
    private BlockStmt ConvertFor(ForStatementContext loop, SourceSpan span)
    {
        _scopes.Push();
        var statements = new List<Stmt>();
        var init = loop.forInit();
        if (init.declarationSpecifiers() is { } specifiers)
        {
            statements.AddRange(ConvertDeclaration(specifiers, init.initDeclaratorList()));
        }
        else if (init.expression() is { } initExpressions)
        {
            // 'for (i = 0, j = n; ...)': the comma operator at the top of the init is a plain sequence.
            statements.AddRange(initExpressions.expr().Select(ConvertExpressionAsStatement));
        }

        var condition = loop.condition is { } conditionExpression ? Condition(conditionExpression) : null;
        var step = loop.step is { } stepExpression ? ConvertStep(stepExpression) : null;
        var body = ConvertLoopBody(loop.statement());
        _scopes.Pop();
        statements.Add(new LoopStmt(LoopKind.For, condition, body, step, null, span));
        return new BlockStmt([.. statements], span);
    }

    private Stmt ConvertExpressionStatement(ExpressionStatementContext statement)
    {
        if (statement.expression() is not { } expression)
        {
            return new BlockStmt([], At(statement));
        }

        // 'a = 1, b = 2;' evaluates its parts in order, which a block of statements says as well.
        var parts = expression.expr();
        return parts.Length == 1
            ? ConvertExpressionAsStatement(parts[0])
            : new BlockStmt([.. parts.Select(ConvertExpressionAsStatement)], At(statement));
    }

    /// <summary>An expression whose value is discarded: the place where the statement-like builtins may appear.</summary>
    private Stmt ConvertExpressionAsStatement(ExprContext expression)
    {
        if ((TryConvertTableStatement(expression) ?? TryStoreChoicePointer(expression) ?? ConvertStatementChoosingObject(expression)) is { } chosen)
        {
            return chosen;
        }

        if (expression is CallContext call && TryConvertBuiltinStatement(call) is { } builtin)
        {
            return builtin;
        }

        if (TryAllocateIntoPointer(expression) is { } allocation)
        {
            return allocation;
        }

        if (TryReallocate(expression) is { } reallocation)
        {
            return reallocation;
        }

        if (expression is AssignmentContext assignment && StructAssignment(assignment) is { } copy)
        {
            return copy;
        }

        if (expression is CastContext cast && ResolveTypeName(cast.typeName()) == ScalarType.Void)
        {
            // '(void) f();' only says that the result is unused.
            return ConvertExpressionAsStatement(cast.expr());
        }

        if (expression is ExtensionExpressionContext extension)
        {
            return ConvertExpressionAsStatement(extension.expr());
        }

        if (expression is PrimaryContext primary && primary.primaryExpression() is ParenthesizedContext parenthesized)
        {
            // '((c) ? (void) 0 : __assert_fail (...));', the expansion of assert in preprocessed files.
            var parts = parenthesized.expression().expr();
            return parts.Length == 1 ? ConvertExpressionAsStatement(parts[0]) : new BlockStmt([.. parts.Select(ConvertExpressionAsStatement)], At(expression));
        }

        if (expression is ConditionalContext conditional
            && (HasVoidArm(conditional.thenValue.expr()) || HasVoidArm([conditional.elseValue])
                || conditional.thenValue.expr().Any(arm => DiscardableCall(arm) is not null) || DiscardableCall(conditional.elseValue) is not null))
        {
            return ConvertConditionalStatement(conditional);
        }

        return new ExprStmt(ConvertDiscarded(expression), At(expression));
    }

    /// <summary>
    /// A call whose result <paramref name="expression"/> would discard and that a converted value could not stand
    /// for: of a function that returns a pointer or a struct pointer, or of an output function such as printf. Null for
    /// any other expression.
    /// </summary>
    private CallContext? DiscardableCall(ExprContext expression) =>
        StripParentheses(expression) is CallContext call && CalleeName(call) is { } callee
        && (_pointerResultFunctions.Contains(callee) || _recordResults.ContainsKey(callee) || IsOutputFunction(callee))
            ? call
            : null;

    /// <summary>An expression whose value is discarded, converted: a call's result is then not used (see <see cref="DiscardableCall"/>).</summary>
    private Expr ConvertDiscarded(ExprContext expression)
    {
        _discardedCall = DiscardableCall(expression);
        try
        {
            return Convert(expression);
        }
        finally
        {
            _discardedCall = null;
        }
    }

    /// <summary>True when one of <paramref name="arm"/>'s parts is a cast to void or a statement builtin (no value to compute with).</summary>
    private bool HasVoidArm(IEnumerable<ExprContext> arm) => arm.Any(part => part switch
    {
        CastContext cast => cast.typeName().GetText() == "void",
        CallContext call => CalleeName(call) is { } name && StatementBuiltins.Contains(name) && IsBuiltinInScope(name),
        PrimaryContext primary when primary.primaryExpression() is ParenthesizedContext inner => HasVoidArm(inner.expression().expr()),
        _ => false,
    });

    /// <summary>
    /// <c>c ? a : b;</c> with a void arm is an if statement; <c>c ? (void) 0 : __assert_fail (...)</c>, assert as glibc
    /// expands it, is an assertion.
    /// </summary>
    private Stmt ConvertConditionalStatement(ConditionalContext conditional)
    {
        var span = At(conditional);
        var condition = Condition(conditional.condition);
        if (StripParentheses(conditional.elseValue) is CallContext call && CalleeName(call) == "__assert_fail" && IsBuiltinInScope("__assert_fail"))
        {
            return new AssertStmt(condition, span);
        }

        var thenParts = conditional.thenValue.expr();
        Stmt then = thenParts.Length == 1
            ? ConvertExpressionAsStatement(thenParts[0])
            : new BlockStmt([.. thenParts.Select(ConvertExpressionAsStatement)], At(conditional.thenValue));
        return new IfStmt(condition, then, ConvertExpressionAsStatement(conditional.elseValue), span);
    }

    private static ExprContext StripParentheses(ExprContext expression)
    {
        while (expression is PrimaryContext primary && primary.primaryExpression() is ParenthesizedContext parenthesized && parenthesized.expression().expr() is [var inner])
        {
            expression = inner;
        }

        return expression;
    }

    private Stmt? TryConvertBuiltinStatement(CallContext call)
    {
        if (CalleeName(call) is not { } name || !IsBuiltinInScope(name))
        {
            return null;
        }

        var span = At(call);
        switch (name)
        {
            case "__VERIFIER_assume":
                return new AssumeStmt(Convert(SingleArgument(call, name)), span);
            case "assert" or "__VERIFIER_assert":
                return new AssertStmt(Convert(SingleArgument(call, name)), span);
            case "__VERIFIER_error" or "reach_error" or "abort":
                ExpectArgumentCount(call, name, 0);
                return new HaltStmt(name, span);
            case "__assert_fail":
                // glibc's failed assertion: its arguments (strings, __PRETTY_FUNCTION__) only describe it.
                return new HaltStmt(name, span);
            case "exit":
                var status = Convert(SingleArgument(call, name));
                var halt = new HaltStmt(name, span);
                // The status is evaluated before the program stops; only an effect (a call) can matter.
                return status is IntLiteral or VarRef ? halt : new BlockStmt([new ExprStmt(status, status.Span), halt], span);
            case "free":
                return ConvertFree(call, SingleArgument(call, name), span);
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ preprocessor lines

    [GeneratedRegex(@"^#\s*(?<directive>[A-Za-z_]\w*)?")]
    private static partial Regex DirectivePattern();

    [GeneratedRegex(@"^#\s*define\s+(?<name>[A-Za-z_]\w*)(?<body>.*)$", RegexOptions.Singleline)]
    private static partial Regex DefinePattern();

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex LineContinuation();

    private void ProcessDirective(IToken line)
    {
        var span = At(line);
        var text = LineContinuation().Replace(line.Text, " ");
        var directive = DirectivePattern().Match(text).Groups["directive"].Value;
        switch (directive)
        {
            case "include":
            case "line":
            case "":
                // Headers are not read: the builtins and limits they would declare are predefined.
                return;
            case "define":
                DefineMacro(line, text, span);
                return;
            case "undef":
                _macros.Remove(text[(text.IndexOf("undef", StringComparison.Ordinal) + "undef".Length)..].Trim());
                return;
            default:
                throw SourceException.Unsupported(span, $"preprocessor directive '#{directive}'");
        }
    }

    /// <summary>
    /// <c>#define NAME value</c> where the value is an integer constant expression, which later uses of NAME read
    /// as an integer literal. Other macros are rejected.
    /// </summary>
    private void DefineMacro(IToken line, string text, SourceSpan span)
    {
        var match = DefinePattern().Match(text);
        if (!match.Success)
        {
            throw new SourceException(span, "#define without a macro name");
        }

        var name = match.Groups["name"].Value;
        var body = match.Groups["body"];
        if (body.Value.StartsWith('('))
        {
            throw SourceException.Unsupported(span, $"function-like macro '{name}'");
        }

        if (string.IsNullOrWhiteSpace(body.Value))
        {
            throw SourceException.Unsupported(span, $"#define of '{name}' without an integer value");
        }

        (System.Numerics.BigInteger Value, ScalarType Type) constant;
        try
        {
            var parser = CFrontend.CreateParser(body.Value, fileName, lines, line.Line, line.Column + body.Index);
            var expression = parser.standaloneExpression().expression();
            constant = ConstantEvaluator.Evaluate(ConvertExpression(expression));
        }
        catch (SourceException e) when (e.Detail.StartsWith("syntax error", StringComparison.Ordinal))
        {
            throw SourceException.Unsupported(span, $"#define of '{name}' whose value is not an integer constant expression");
        }

        _macros[name] = new ConstantSymbol(constant.Value, constant.Type);
    }

    // ------------------------------------------------------------------ helpers shared with expressions

    /// <summary>A full expression: the comma operator evaluates its operands in order, and the last one gives the value.</summary>
    /// <summary>A for loop's step, whose value is discarded, as the value of each part of its comma list but the last is.</summary>
    private Expr ConvertStep(ExpressionContext expression) =>
        expression.expr().Select(ConvertDiscarded).Aggregate((first, second) => new SequenceExpr(first, second, At(expression)));

    private Expr ConvertExpression(ExpressionContext expression)
    {
        var parts = expression.expr();
        var result = Convert(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            result = new SequenceExpr(result, Convert(parts[i]), At(expression));
        }

        return result;
    }
}
