using System.Runtime.ExceptionServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Terminator.Core.Ir;
using Terminator.Frontend.C;
using Terminator.Frontend.Generated;

namespace Terminator.Frontend;

/// <summary>Reads the mini-C subset into the core IR.</summary>
public static class CFrontend
{
    // Parsing and conversion recurse once per nesting level. They run on a thread with a large stack, and input
    // nested deeper than these limits is refused, so no input can overflow the stack and kill the process.
    private const int ThreadStackBytes = 256 * 1024 * 1024;
    private const int MaxTokens = 200_000;
    private const int MaxBracketDepth = 256;
    private const int MaxTreeDepth = 5_000;

    /// <summary>Parses a C source text.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name positions and the resulting program carry.</param>
    /// <returns>The program's functions and globals in the core IR.</returns>
    /// <exception cref="SourceException">
    /// A syntax error, a construct outside the subset (<c>file:line:col: unsupported: ...</c>), or an unknown name.
    /// </exception>
    public static ProgramIr Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        ProgramIr? result = null;
        ExceptionDispatchInfo? failure = null;
        var worker = new Thread(
            () =>
            {
                try
                {
                    result = ParseOnThisThread(text, fileName);
                }
#pragma warning disable CA1031 // Every failure is handed to the calling thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            ThreadStackBytes);
        worker.Start();
        worker.Join();
        failure?.Throw();
        return result!;
    }

    private static ProgramIr ParseOnThisThread(string text, string fileName)
    {
        CParseTreeConverter? converter = null;
        try
        {
            var parser = CreateParser(text, fileName);
            CheckSize((CommonTokenStream)parser.TokenStream, fileName);
            var unit = parser.compilationUnit();
            CheckTreeDepth(unit, fileName);
            converter = new CParseTreeConverter(fileName);
            return converter.ConvertCompilationUnit(unit);
        }
        catch (SourceException)
        {
            throw;
        }
#pragma warning disable CA1031 // A bug in the frontend must still come out as an error at a position, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var span = converter?.LastPosition ?? new SourceSpan(fileName, 1, 1);
            throw new SourceException(span, $"internal error in the C frontend: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// A parser over <paramref name="text"/> whose errors throw SourceExceptions. <paramref name="line"/> and
    /// <paramref name="column"/> (0-based) place the text inside a file, for text taken from a larger source.
    /// </summary>
    internal static MiniCParser CreateParser(string text, string fileName, int line = 1, int column = 0)
    {
        var errors = new SyntaxErrorListener(fileName);
        var lexer = new MiniCLexer(CharStreams.fromString(text)) { Line = line, Column = column };
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(errors);
        var parser = new MiniCParser(new CommonTokenStream(lexer));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(errors);
        return parser;
    }

    private static void CheckSize(CommonTokenStream tokens, string fileName)
    {
        tokens.Fill();
        if (tokens.Size > MaxTokens)
        {
            throw SourceException.Unsupported(new SourceSpan(fileName, 1, 1), $"files of more than {MaxTokens} tokens");
        }

        var depth = 0;
        foreach (var token in tokens.GetTokens())
        {
            depth += token.Type switch
            {
                MiniCLexer.LeftParen or MiniCLexer.LeftBracket or MiniCLexer.LeftBrace => 1,
                MiniCLexer.RightParen or MiniCLexer.RightBracket or MiniCLexer.RightBrace => -1,
                _ => 0,
            };
            if (depth > MaxBracketDepth)
            {
                throw SourceException.Unsupported(
                    new SourceSpan(fileName, token.Line, token.Column + 1), $"brackets nested deeper than {MaxBracketDepth}");
            }
        }
    }

    private static void CheckTreeDepth(IParseTree root, string fileName)
    {
        var pending = new Stack<(IParseTree Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxTreeDepth && node is ParserRuleContext context)
            {
                throw SourceException.Unsupported(
                    new SourceSpan(fileName, context.Start.Line, context.Start.Column + 1), "expressions or statements nested this deeply");
            }

            for (var i = 0; i < node.ChildCount; i++)
            {
                pending.Push((node.GetChild(i), depth + 1));
            }
        }
    }
}
