using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

/// <summary>
/// The arguments of <c>main</c> (see <see cref="ArgumentStringExpr"/>): <c>argc</c> is the analyzed function's
/// parameter, and the string of each argument is made when the run first reads <c>argv[i]</c>, from the
/// nondeterministic values: its length with the terminating 0 (at least 1), then, as they are first read, its
/// characters, none of them 0 before the end. Every later read of <c>argv[i]</c> reaches the same object, so the strings
/// are fixed for the whole run, as C gives them when the program starts.
/// </summary>
internal static partial class Interpreter
{
    private sealed partial class Machine
    {
        /// <summary>The argument strings made so far, by their index in <c>argv</c>.</summary>
        private readonly SortedDictionary<BigInteger, ArrayObject> argumentStrings = [];

        /// <summary><c>argv[i]</c>: the null pointer for i = argc, the start of argument i's string below it.</summary>
        private Value ArgumentString(ArgumentStringExpr e, Frame frame)
        {
            var index = Eval(e.Index, frame).V;
            var count = Eval(e.Count, frame).V;
            if (index.Sign < 0 || index > count)
                throw Stop(new UndefinedBehaviour(e.Span, $"out-of-bounds read of 'argv[{index}]' (argc is {count}: argv has {count + 1} elements, the last a null pointer)"));
            if (index == count)
                return new Value(PointerExpr.NullOffset, ScalarType.Unbounded);
            if (!argumentStrings.TryGetValue(index, out var made))
            {
                var length = DrawNondet(ScalarType.Unbounded, e.Span, $"the length of argv[{index}] with its terminating 0").V;
                if (length.Sign <= 0 || length > e.MaxLength)
                    throw Stop(new InvalidInput($"argv[{index}] of length {length}: a string holds its terminating 0 and at most {e.MaxLength} characters"));
                made = new ArrayObject(length, e.ElementType, onHeap: false) { Argument = index };
                made.Cells[length - 1] = BigInteger.Zero;
                argumentStrings[index] = made;
            }

            frame.Arrays[e.Array] = made;
            return new Value(BigInteger.Zero, ScalarType.Unbounded);
        }

        /// <summary>Character <paramref name="position"/> of argument <paramref name="argument"/>'s string, read for the first time (before its end).</summary>
        private BigInteger ArgumentCharacter(BigInteger argument, BigInteger position, SourceSpan at)
        {
            var character = DrawNondet(argumentStrings[argument].ElementType, at, $"argv[{argument}][{position}]").V;
            return character.IsZero
                ? throw Stop(new InvalidInput($"argv[{argument}][{position}] is 0 before the end of the string"))
                : character;
        }

        /// <summary>Appends the argument strings to a state: their number, then each one's index, length and elements read so far.</summary>
        private void AppendArgumentStrings(List<BigInteger?> values)
        {
            if (argumentStrings.Count == 0)
                return;
            values.Add(argumentStrings.Count);
            foreach (var (index, array) in argumentStrings)
            {
                values.Add(index);
                values.Add(array.Length);
                values.Add(array.Cells.Count);
                foreach (var (position, value) in array.Cells.OrderBy(c => c.Key))
                {
                    values.Add(position);
                    values.Add(value);
                }
            }
        }
    }
}
