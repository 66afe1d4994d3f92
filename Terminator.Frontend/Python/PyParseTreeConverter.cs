using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using Terminator.Frontend.Generated;
using static Terminator.Frontend.Generated.MiniPyParser;

namespace Terminator.Frontend.Python;

/// <summary>
/// Converts a MiniPy parse tree into the core IR. Every value is an unbounded integer; True and False are the bool
/// literals 1 and 0. Constructs outside the subset are rejected with <c>unsupported: ...</c> at their position.
/// </summary>
internal sealed partial class PyParseTreeConverter(string fileName)
{
    // Modules whose import cannot change what a function computes: type hints only.
    private const string HarmlessModule = "typing";

    private readonly Dictionary<string, int> functionArity = new(StringComparer.Ordinal);

    // Per function: its parameters and assigned names (Python's locals), the names surely assigned at the current
    // point (null when the point is unreachable), the loop nesting, and the names given to range temporaries so far.
    private HashSet<string> locals = new(StringComparer.Ordinal);
    private HashSet<string>? assigned;
    private int loopDepth;
    private HashSet<string> rangeNames = new(StringComparer.Ordinal);

    /// <summary>The last position the conversion reached, for reporting internal errors.</summary>
    public SourceSpan LastPosition { get; private set; } = new(fileName, 1, 1);

    /// <summary>Converts a whole file.</summary>
    public ProgramIr ConvertFile(FileInputContext file)
    {
        var statements = file.stmt();
        var definitions = new List<FunctionDefinitionContext>();
        for (var i = 0; i < statements.Length; i++)
        {
            var statement = statements[i];
            if (statement.compoundStmt() is FunctionDefinitionContext definition)
            {
                var name = definition.NAME().GetText();
                if (!functionArity.TryAdd(name, definition.parameters()?.parameter().Length ?? 0))
                {
                    throw SourceException.Unsupported(At(definition.NAME().Symbol), $"redefinition of function '{name}'");
                }

                definitions.Add(definition);
            }
            else if (statement.compoundStmt() is { } compound)
            {
                throw CompoundOutsideFunction(compound);
            }
            else
            {
                CheckModuleSimpleStatements(statement.simpleStmts(), isFirst: i == 0);
            }
        }

        var functions = definitions.Select(ConvertFunction).ToImmutableArray();
        return new ProgramIr(fileName, SourceLanguage.Python, functions, []);
    }

    private SourceException CompoundOutsideFunction(CompoundStmtContext compound) => compound switch
    {
        ClassDefinitionContext c => SourceException.Unsupported(At(c), "class"),
        WithStatementContext w => SourceException.Unsupported(At(w), "with"),
        TryStatementContext t => SourceException.Unsupported(At(t), "try"),
        _ => SourceException.Unsupported(At(compound), "module-level statements other than def"),
    };

    private void CheckModuleSimpleStatements(SimpleStmtsContext statements, bool isFirst)
    {
        var simple = statements.simpleStmt();
        for (var i = 0; i < simple.Length; i++)
        {
            switch (simple[i])
            {
                case ImportStatementContext or FromImportStatementContext:
                    CheckImport(simple[i]);
                    break;
                case ExpressionStatementContext e when isFirst && i == 0 && IsDocstring(e):
                    break;
                case GlobalStatementContext g:
                    throw SourceException.Unsupported(At(g), g.kind.Text);
                default:
                    throw SourceException.Unsupported(At(simple[i]), "module-level statements other than def");
            }
        }
    }

    private void CheckImport(SimpleStmtContext statement)
    {
        var modules = statement switch
        {
            ImportStatementContext i => i.dottedName(),
            FromImportStatementContext f => [f.dottedName()],
            _ => [],
        };
        foreach (var module in modules)
        {
            if (module.GetText() != HarmlessModule)
            {
                throw SourceException.Unsupported(At(module), $"import of '{module.GetText()}' (only typing may be imported)");
            }
        }
    }

    private static bool IsDocstring(ExpressionStatementContext statement) =>
        statement.exprStmt() is { } e && e.augAssign() is null && e.ASSIGN().Length == 0
        && e.testList(0).test().Length == 1 && e.testList(0).trailingComma is null
        && AtomOf(e.testList(0).test(0)) is (StringAtomContext, 0);

    private FunctionDecl ConvertFunction(FunctionDefinitionContext definition)
    {
        if (definition.decorator().Length > 0)
        {
            throw SourceException.Unsupported(At(definition.decorator(0)), "decorator");
        }

        var parameters = ImmutableArray.CreateBuilder<Parameter>();
        foreach (var parameter in definition.parameters()?.parameter() ?? [])
        {
            parameters.Add(ConvertParameter(parameter, parameters));
        }

        locals = new HashSet<string>(parameters.Select(p => p.Name), StringComparer.Ordinal);
        assigned = new HashSet<string>(locals, StringComparer.Ordinal);
        loopDepth = 0;
        rangeNames = new HashSet<string>(StringComparer.Ordinal);

        // Python makes every assigned name local to the whole function; the core IR wants each declared up front.
        var declarations = new List<Stmt>();
        foreach (var (name, token) in AssignedNames(definition.block()))
        {
            if (locals.Add(name))
            {
                declarations.Add(new VarDeclStmt(name, ScalarType.Unbounded, null, At(token)));
            }
        }

        var statements = BlockStatements(definition.block(), functionBody: true);
        var body = new BlockStmt([.. declarations, .. statements], At(definition.block()));
        return new FunctionDecl(definition.NAME().GetText(), ScalarType.Unbounded, parameters.ToImmutable(), body, At(definition.NAME().Symbol));
    }

    private Parameter ConvertParameter(ParameterContext parameter, ImmutableArray<Parameter>.Builder previous)
    {
        if (parameter.slash is not null)
        {
            throw SourceException.Unsupported(At(parameter), "positional-only parameter marker '/'");
        }

        if (parameter.star is not null)
        {
            throw SourceException.Unsupported(
                At(parameter), parameter.NAME() is null ? "keyword-only parameters" : parameter.star.Text == "*" ? "*args" : "**kwargs");
        }

        if (parameter.ASSIGN() is { } equals)
        {
            throw SourceException.Unsupported(At(equals.Symbol), "default parameter value");
        }

        var name = parameter.NAME().GetText();
        if (previous.Any(p => p.Name == name))
        {
            throw new SourceException(At(parameter), $"syntax error: duplicate parameter '{name}'");
        }

        return new Parameter(name, ScalarType.Unbounded, At(parameter));
    }

    /// <summary>The names a function body assigns (assignment targets and for-loop variables), in source order.</summary>
    private static IEnumerable<(string Name, IToken Token)> AssignedNames(IParseTree node)
    {
        IEnumerable<TestListContext> targets = node switch
        {
            ExprStmtContext e when e.augAssign() is not null => [e.testList(0)],
            ExprStmtContext e => e.testList().SkipLast(1),
            ForStatementContext f => [f.testList(0)],
            _ => [],
        };
        foreach (var test in targets.SelectMany(t => t.test()))
        {
            if (AtomOf(test) is (NameAtomContext name, 0))
            {
                yield return (name.NAME().GetText(), name.Start);
            }
        }

        // Nested definitions are rejected later; their names are not this function's locals.
        if (node is FunctionDefinitionContext or ClassDefinitionContext)
        {
            yield break;
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            foreach (var found in AssignedNames(node.GetChild(i)))
            {
                yield return found;
            }
        }
    }

    /// <summary>
    /// The atom a test consists of, when the test is nothing but an atom with trailers, and the number of trailers.
    /// </summary>
    private static (AtomContext Atom, int Trailers)? AtomOf(TestContext test)
    {
        if (test is not ConditionalTestContext c || c.IF() is not null || c.orTest(0).andTest() is not [var and]
            || and.notTest() is not [ComparisonExpressionContext comparison] || comparison.comparison().expr() is not [FactorExpressionContext factor]
            || factor.factor() is not PowerFactorContext power || power.POWER() is not null)
        {
            return null;
        }

        return (power.atomExpr().atom(), power.atomExpr().trailer().Length);
    }

    private SourceSpan At(IToken token) => LastPosition = new SourceSpan(fileName, token.Line, token.Column + 1);

    private SourceSpan At(ParserRuleContext context) => At(context.Start);
}
