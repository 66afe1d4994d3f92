using Antlr4.Runtime;
using Terminator.Core.Ir;
using Terminator.Frontend.C;
using Terminator.Frontend.Generated;
using Terminator.Frontend.Python;

namespace Terminator.Frontend;

/// <summary>Reads the mini-Python subset into the core IR (every value an unbounded integer).</summary>
public static class PythonFrontend
{
    /// <summary>Parses a Python source text.</summary>
    /// <param name="text">The program text.</param>
    /// <param name="fileName">The name positions and the resulting program carry.</param>
    /// <returns>The program's functions in the core IR, with <see cref="SourceLanguage.Python"/>.</returns>
    /// <exception cref="SourceException">
    /// A syntax error, inconsistent indentation, a construct outside the subset (<c>file:line:col: unsupported: ...</c>),
    /// or an unknown name.
    /// </exception>
    public static ProgramIr Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return ParseGuards.Run(fileName, "Python", track =>
        {
            var errors = new SyntaxErrorListener(fileName);
            var lexer = new MiniPyLexer(CharStreams.fromString(text)) { FileName = fileName };
            lexer.RemoveErrorListeners();
            lexer.AddErrorListener(errors);
            var tokens = new CommonTokenStream(lexer);
            ParseGuards.CheckSize(tokens, fileName, type => type switch
            {
                MiniPyLexer.OPEN_PAREN or MiniPyLexer.OPEN_BRACKET or MiniPyLexer.OPEN_BRACE => 1,
                MiniPyLexer.CLOSE_PAREN or MiniPyLexer.CLOSE_BRACKET or MiniPyLexer.CLOSE_BRACE => -1,
                _ => 0,
            });
            var parser = new MiniPyParser(tokens);
            parser.RemoveErrorListeners();
            parser.AddErrorListener(errors);
            var file = ParseGuards.TwoStage(parser, parser.fileInput);
            ParseGuards.CheckTreeDepth(file, fileName);
            var converter = new PyParseTreeConverter(fileName);
            track(() => converter.LastPosition);
            return converter.ConvertFile(file);
        });
    }
}
