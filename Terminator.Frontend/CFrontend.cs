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
    public static ProgramIr Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return ParseGuards.Run(fileName, "C", track =>
        {
            var parser = CreateParser(text, fileName);
            ParseGuards.CheckSize((CommonTokenStream)parser.TokenStream, fileName, type => type switch
            {
                MiniCLexer.LeftParen or MiniCLexer.LeftBracket or MiniCLexer.LeftBrace => 1,
                MiniCLexer.RightParen or MiniCLexer.RightBracket or MiniCLexer.RightBrace => -1,
                _ => 0,
            });
            var unit = parser.compilationUnit();
            ParseGuards.CheckTreeDepth(unit, fileName);
            var converter = new CParseTreeConverter(fileName);
            track(() => converter.LastPosition);
            return Sequencing.Apply(converter.ConvertCompilationUnit(unit));
        });
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
}
