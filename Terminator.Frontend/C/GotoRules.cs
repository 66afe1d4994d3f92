using System.Collections.Immutable;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// Which gotos a function may use: each goes to a label of a block (or switch body) that encloses it, and a jump
/// forward does not skip a declaration of that block (which would leave the variable in scope without its
/// declaration having run). A jump into a nested statement is outside the subset; a label that is not defined, or
/// defined twice, is an error as in C.
/// </summary>
internal static class GotoRules
{
    /// <summary>Throws a <see cref="SourceException"/> for the first goto of <paramref name="body"/> that breaks the rules.</summary>
    public static void Check(BlockStmt body)
    {
        var defined = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var label in IrWalker.Statements(body).OfType<LabeledStmt>())
        {
            if (!defined.TryAdd(label.Label, label.Span))
            {
                throw new SourceException(label.Span, $"label '{label.Label}' is already defined at {defined[label.Label]}");
            }
        }

        Visit(body, ImmutableStack<ImmutableArray<Stmt>>.Empty, defined);
    }

    private static void Visit(Stmt statement, ImmutableStack<ImmutableArray<Stmt>> enclosing, Dictionary<string, SourceSpan> defined)
    {
        switch (statement)
        {
            case BlockStmt block:
                VisitSequence(block.Statements, enclosing, defined);
                break;
            case SwitchStmt choice:
                VisitSequence([.. choice.Sections.SelectMany(s => s.Statements)], enclosing, defined);
                break;
            case IfStmt conditional:
                Visit(conditional.Then, enclosing, defined);
                if (conditional.Else is not null)
                {
                    Visit(conditional.Else, enclosing, defined);
                }

                break;
            case LoopStmt loop:
                Visit(loop.Body, enclosing, defined);
                if (loop.Else is not null)
                {
                    Visit(loop.Else, enclosing, defined);
                }

                break;
            case LabeledStmt labeled:
                Visit(labeled.Body, enclosing, defined);
                break;
            case GotoStmt jump:
                CheckTarget(jump, enclosing, defined);
                break;
        }
    }

    private static void VisitSequence(ImmutableArray<Stmt> statements, ImmutableStack<ImmutableArray<Stmt>> enclosing, Dictionary<string, SourceSpan> defined)
    {
        var inner = enclosing.Push(statements);
        foreach (var s in statements)
        {
            Visit(s, inner, defined);
        }
    }

    private static void CheckTarget(GotoStmt jump, ImmutableStack<ImmutableArray<Stmt>> enclosing, Dictionary<string, SourceSpan> defined)
    {
        if (!defined.TryGetValue(jump.Label, out var labelSpan))
        {
            throw new SourceException(jump.Span, $"label '{jump.Label}' is not defined");
        }

        foreach (var statements in enclosing)
        {
            var target = IndexOfLabel(statements, jump.Label);
            if (target < 0)
            {
                continue;
            }

            var from = IndexOfContaining(statements, jump);
            for (var i = from + 1; i < target; i++)
            {
                if (statements[i] is VarDeclStmt skipped)
                {
                    throw SourceException.Unsupported(jump.Span, $"goto '{jump.Label}' past the declaration of a variable at {skipped.Span}");
                }

                if (statements[i] is ArrayDeclStmt skippedArray)
                {
                    throw SourceException.Unsupported(jump.Span, $"goto '{jump.Label}' past the declaration of an array at {skippedArray.Span}");
                }
            }

            return;
        }

        throw SourceException.Unsupported(jump.Span, $"goto '{jump.Label}' into a nested statement (the label is at {labelSpan})");
    }

    private static int IndexOfLabel(ImmutableArray<Stmt> statements, string label)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            for (var s = statements[i]; s is LabeledStmt labeled; s = labeled.Body)
            {
                if (labeled.Label == label)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static int IndexOfContaining(ImmutableArray<Stmt> statements, GotoStmt jump)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            if (IrWalker.Statements(statements[i]).Any(s => ReferenceEquals(s, jump)))
            {
                return i;
            }
        }

        return -1;
    }
}
