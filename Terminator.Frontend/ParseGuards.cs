using System.Runtime.ExceptionServices;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Terminator.Core;
using Terminator.Core.Ir;

namespace Terminator.Frontend;

/// <summary>
/// What every frontend does so that no input can crash the process: parsing and conversion recurse once per nesting
/// level, so they run on a thread with a large stack, and input larger or nested deeper than fixed limits is refused.
/// </summary>
internal static class ParseGuards
{
    private const int ThreadStackBytes = 256 * 1024 * 1024;
    private const int MaxTokens = 200_000;
    private const int MaxBracketDepth = 256;
    private const int MaxTreeDepth = 5_000;

    /// <summary>
    /// Runs a frontend's <paramref name="parse"/> on a large stack. SourceExceptions pass through; any other exception is
    /// a bug in the frontend and comes out as an <see cref="InternalErrorException"/> that names the last position the
    /// function given to <paramref name="parse"/>'s callback reports (or the start of the file).
    /// </summary>
    public static ProgramIr Run(string fileName, string frontend, Func<Action<Func<SourceSpan>>, ProgramIr> parse) =>
        OnLargeStack(() =>
        {
            Func<SourceSpan>? lastPosition = null;
            try
            {
                return parse(tracker => lastPosition = tracker);
            }
            catch (SourceException)
            {
                throw;
            }
#pragma warning disable CA1031 // A bug in the frontend must come out as an internal error at a position, not a crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var span = lastPosition?.Invoke() ?? new SourceSpan(fileName, 1, 1);
                throw new InternalErrorException($"reading {span}: the {frontend} frontend failed: {e.GetType().Name}: {e.Message}".ReplaceLineEndings(" "), e);
            }
        });

    /// <summary>
    /// Parses with <paramref name="start"/> in ANTLR's two stages: first with SLL prediction, which needs no full-context
    /// lookahead and is linear on long chains such as a thousand <c>else if</c>s, bailing out at the first syntax error;
    /// then, only if that stage failed, again from the first token with full LL prediction and the error listeners, so
    /// that a syntax error is reported as it would be without the first stage. Input that SLL accepts gets the same tree
    /// from both.
    /// </summary>
    public static T TwoStage<T>(Parser parser, Func<T> start)
        where T : ParserRuleContext
    {
        var listeners = parser.ErrorListeners.ToList();
        parser.RemoveErrorListeners();
        parser.ErrorHandler = new BailErrorStrategy();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        try
        {
            return start();
        }
        catch (ParseCanceledException)
        {
            parser.Reset();
            foreach (var listener in listeners)
            {
                parser.AddErrorListener(listener);
            }

            parser.ErrorHandler = new DefaultErrorStrategy();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            return start();
        }
    }

    /// <summary>Runs <paramref name="parse"/> on a thread with a large stack and rethrows its exception here.</summary>
    private static T OnLargeStack<T>(Func<T> parse)
        where T : class
    {
        T? result = null;
        ExceptionDispatchInfo? failure = null;
        var worker = new Thread(
            () =>
            {
                try
                {
                    result = parse();
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

    /// <summary>
    /// Reads all tokens and refuses too many of them or brackets nested too deeply. <paramref name="depthChange"/>
    /// maps a token type to +1 (opening bracket), -1 (closing bracket) or 0.
    /// </summary>
    public static void CheckSize(CommonTokenStream tokens, string fileName, Func<int, int> depthChange)
    {
        tokens.Fill();
        if (tokens.Size > MaxTokens)
        {
            throw SourceException.Unsupported(new SourceSpan(fileName, 1, 1), $"files of more than {MaxTokens} tokens");
        }

        var depth = 0;
        foreach (var token in tokens.GetTokens())
        {
            depth += depthChange(token.Type);
            if (depth > MaxBracketDepth)
            {
                throw SourceException.Unsupported(
                    new SourceSpan(fileName, token.Line, token.Column + 1), $"brackets nested deeper than {MaxBracketDepth}");
            }
        }
    }

    /// <summary>Refuses parse trees deeper than the converters may recurse.</summary>
    public static void CheckTreeDepth(IParseTree root, string fileName)
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
