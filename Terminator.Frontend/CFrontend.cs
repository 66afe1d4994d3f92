using Antlr4.Runtime;
using Terminator.Core.Ir;
using Terminator.Frontend.C;
using Terminator.Frontend.Generated;

namespace Terminator.Frontend;

/// <summary>Reads the mini-C subset into the core IR.</summary>
public static class CFrontend
{
    /// <summary>Parses a C source text.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name positions and the resulting program carry.</param>
    /// <returns>The program's functions and globals in the core IR.</returns>
    /// <exception cref="SourceException">
    /// A syntax error, a construct outside the subset (<c>file:line:col: unsupported: ...</c>), or an unknown name.
    /// </exception>
    public static ProgramIr Parse(string text, string fileName) => Parse(text, fileName, usePreprocessor: true);

    /// <summary>Parses a C source text under a data model.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name positions and the resulting program carry.</param>
    /// <param name="dataModel">The width of <c>long</c>, <c>unsigned long</c> and <c>size_t</c>: 32 bits under ILP32, 64 under LP64.</param>
    /// <returns>The program's functions and globals in the core IR, with <see cref="ProgramIr.DataModel"/> set.</returns>
    /// <exception cref="SourceException">
    /// A syntax error, a construct outside the subset (<c>file:line:col: unsupported: ...</c>), or an unknown name.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dataModel"/> is not a defined value.</exception>
    public static ProgramIr Parse(string text, string fileName, DataModel dataModel)
    {
        if (!Enum.IsDefined(dataModel))
        {
            throw new ArgumentOutOfRangeException(nameof(dataModel), dataModel, "expected DataModel.Ilp32 or DataModel.Lp64");
        }

        return Parse(text, fileName, usePreprocessor: true, dataModel);
    }

    /// <summary>
    /// Parses a C source text. A <c>.c</c> text with preprocessor directives goes through the system preprocessor when
    /// <paramref name="usePreprocessor"/> and one is installed (positions then follow its line markers back into the
    /// user's text); a <c>.i</c> text is already preprocessed. When the preprocessed text cannot be read because of
    /// something in a header, the text is read again with the built-in handling of directives.
    /// </summary>
    internal static ProgramIr Parse(string text, string fileName, bool usePreprocessor, DataModel dataModel = DataModel.Ilp32)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var preprocessed = !fileName.EndsWith(".i", StringComparison.OrdinalIgnoreCase) && usePreprocessor && Preprocessor.IsNeeded(text)
            ? Preprocessor.Run(text, fileName)
            : null;
        if (preprocessed is not null)
        {
            try
            {
                return ParseText(preprocessed, fileName, LineMap.Read(preprocessed, fileName, Preprocessor.StandardInputName), dataModel, Preprocessor.StandardInputName);
            }
            catch (SourceException e) when (e.Span.File != fileName)
            {
                // Something in a header is beyond the grammar: fall back to reading the user's text alone.
            }
        }

        return ParseText(text, fileName, LineMap.Read(text, fileName), dataModel);
    }

    private static ProgramIr ParseText(string text, string fileName, LineMap lines, DataModel dataModel, string? primaryName = null) =>
        ParseGuards.Run(fileName, "C", track =>
        {
            var parser = CreateParser(text, fileName, lines);
            ParseGuards.CheckSize((CommonTokenStream)parser.TokenStream, fileName, type => type switch
            {
                MiniCLexer.LeftParen or MiniCLexer.LeftBracket or MiniCLexer.LeftBrace => 1,
                MiniCLexer.RightParen or MiniCLexer.RightBracket or MiniCLexer.RightBrace => -1,
                _ => 0,
            });
            var unit = ParseGuards.TwoStage(parser, parser.compilationUnit);
            ParseGuards.CheckTreeDepth(unit, fileName);
            if (LibraryFunctions.For(unit, primaryName ?? fileName) is { Length: > 0 } library)
            {
                // Library functions the file calls without defining them: read again after their definitions.
                text = library + text;
                lines = LineMap.Read(text, fileName, primaryName);
                parser = CreateParser(text, fileName, lines);
                unit = ParseGuards.TwoStage(parser, parser.compilationUnit);
            }

            var converter = new CParseTreeConverter(fileName, lines, dataModel);
            track(() => converter.LastPosition);
            return converter.ConvertCompilationUnit(unit);
        });

    /// <summary>
    /// A parser over <paramref name="text"/> whose errors throw SourceExceptions. <paramref name="line"/> and
    /// <paramref name="column"/> (0-based) place the text inside a file, for text taken from a larger source.
    /// </summary>
    internal static MiniCParser CreateParser(string text, string fileName, LineMap? lines = null, int line = 1, int column = 0)
    {
        var errors = new SyntaxErrorListener(fileName, lines, blockComments: true);
        var lexer = new MiniCLexer(CharStreams.fromString(text)) { Line = line, Column = column };
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(errors);
        var parser = new MiniCParser(new CommonTokenStream(lexer));
        parser.RemoveErrorListeners();
        parser.AddErrorListener(errors);
        return parser;
    }
}
