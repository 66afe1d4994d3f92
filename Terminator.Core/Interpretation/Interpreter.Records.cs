using System.Numerics;
using Terminator.Core.Ir;

namespace Terminator.Core.Interpretation;

/// <summary>
/// Records on the heap (see <see cref="NewRecordExpr"/>): each record type's records in allocation order, the record
/// at address k being the k-th. A record is a row of slots, one per field and one per element of an array field. A slot
/// never stored holds nothing: an integer field or element draws an arbitrary value at its first read (kept for later
/// reads), and the read of a pointer field is undefined behaviour. A freed record keeps its place, marked freed: every
/// later use of its address is undefined behaviour.
/// </summary>
internal static partial class Interpreter
{
    private sealed partial class Machine
    {
        /// <summary>The slots of the records of each record type, by type name; the record at address k is at index k - 1.</summary>
        private readonly SortedDictionary<string, List<BigInteger?[]>> records = new(StringComparer.Ordinal);

        /// <summary>The freed records, by type name and address.</summary>
        private readonly HashSet<(string Record, BigInteger Address)> freedRecords = [];

        private Value EvalRecord(Expr expr, Frame frame)
        {
            switch (expr)
            {
                case NewRecordExpr e:
                {
                    var type = RecordTypeNamed(e.Record, e.Span);
                    var list = RecordsOf(e.Record);
                    var fields = new BigInteger?[type.Fields.Sum(f => f.Length ?? 1)];
                    if (e.Zeroed)
                        Array.Fill(fields, BigInteger.Zero);
                    list.Add(fields);
                    return new Value(list.Count, ScalarType.Unbounded);
                }

                case RecordPointerExpr e:
                {
                    var address = Eval(e.Pointer, frame).V;
                    if (address != NewRecordExpr.Null && !IsRecord(e.Record, address))
                        throw Stop(new UndefinedBehaviour(e.Span, "use of an indeterminate pointer (one never stored, or to no record)"));
                    if (freedRecords.Contains((e.Record, address)))
                        throw Stop(new UndefinedBehaviour(e.Span, "use of a pointer to a freed record"));
                    return new Value(address, ScalarType.Unbounded);
                }

                case FieldReadExpr e:
                {
                    var address = Eval(e.Address, frame).V;
                    var index = e.Index is null ? (BigInteger?)null : Eval(e.Index, frame).V;
                    var (fields, slot, field) = FieldAt(e.Record, e.Field, address, index, "read", e.Span);
                    if (fields[slot] is { } stored)
                        return new Value(stored, field.Type);
                    if (field.PointsTo is not null)
                        throw Stop(new UndefinedBehaviour(e.Span, $"read of the pointer field '{field.Name}' of a record before any store into it"));

                    // An integer field or element never stored holds an arbitrary value, the same one at every read.
                    var what = index is null ? $"the field '{field.Name}'" : $"the element {index} of the field '{field.Name}'";
                    var drawn = DrawNondet(field.Type, e.Span, $"{what} of a record never stored").V;
                    fields[slot] = drawn;
                    return new Value(drawn, field.Type);
                }

                case FieldAssignExpr e:
                {
                    // The address, the index and the value, in the order the lowering evaluates them too.
                    var address = Eval(e.Address, frame).V;
                    var index = e.Index is null ? (BigInteger?)null : Eval(e.Index, frame).V;
                    var value = Eval(e.Value, frame);
                    var (fields, slot, field) = FieldAt(e.Record, e.Field, address, index, "write", e.Span);
                    var stored = field.PointsTo is null ? IntegerType.Convert(field.Type, value.V, semantics) : value.V;
                    fields[slot] = stored;
                    return new Value(stored, field.Type);
                }

                default:
                    throw new InvalidOperationException($"{expr.Span}: not a record expression");
            }
        }

        private RecordType RecordTypeNamed(string name, SourceSpan span) =>
            program.FindRecord(name) ?? throw new InvalidOperationException($"{span}: unknown record type '{name}'");

        private List<BigInteger?[]> RecordsOf(string record)
        {
            if (!records.TryGetValue(record, out var list))
            {
                list = [];
                records[record] = list;
            }

            return list;
        }

        private bool IsRecord(string record, BigInteger address) => address >= 1 && address <= RecordsOf(record).Count;

        /// <summary>
        /// The slots of the record at <paramref name="address"/> and the slot of a field, or of element
        /// <paramref name="index"/> of an array field; undefined behaviour for no live record, and for an index outside
        /// the array field (<paramref name="access"/> says whether it is a read or a write).
        /// </summary>
        private (BigInteger?[] Slots, int Slot, RecordField Field) FieldAt(string record, string field, BigInteger address, BigInteger? index, string access, SourceSpan span)
        {
            if (address == NewRecordExpr.Null)
                throw Stop(new UndefinedBehaviour(span, "null pointer dereferenced"));
            if (!IsRecord(record, address))
                throw Stop(new UndefinedBehaviour(span, "indeterminate pointer dereferenced (one never stored, or to no record)"));
            if (freedRecords.Contains((record, address)))
                throw Stop(new UndefinedBehaviour(span, "use of a record after free"));
            var type = RecordTypeNamed(record, span);
            var position = type.Fields.Select(f => f.Name).ToList().IndexOf(field);
            if (position < 0)
                throw new InvalidOperationException($"{span}: record type '{record}' has no field '{field}'");
            var found = type.Fields[position];
            if ((found.Length is null) != (index is null))
                throw new InvalidOperationException($"{span}: field '{field}' of record type '{record}' accessed {(index is null ? "without" : "with")} an index");
            var slot = (int)type.Fields.Take(position).Sum(f => f.Length ?? 1);
            if (index is { } element)
            {
                if (element < 0 || element >= found.Length)
                    throw Stop(new UndefinedBehaviour(span, $"out-of-bounds {access} of '{record}.{field}[{element}]' (its length is {found.Length})"));
                slot += (int)element;
            }

            return (RecordsOf(record)[(int)(address - 1)], slot, found);
        }

        /// <summary><c>free(p)</c> of a record: nothing for null; undefined behaviour for a freed record or no record.</summary>
        private void FreeRecord(FreeRecordStmt free, Frame frame)
        {
            var address = Eval(free.Address, frame).V;
            if (address == NewRecordExpr.Null)
                return;
            if (!IsRecord(free.Record, address))
                throw Stop(new UndefinedBehaviour(free.Span, "free of an indeterminate pointer (one never stored, or to no record)"));
            if (!freedRecords.Add((free.Record, address)))
                throw Stop(new UndefinedBehaviour(free.Span, "double free of a record"));
        }

        /// <summary>The records, appended to a recorded state: per type (by name) the count, then per record whether it was freed and every slot as whether it was stored and its value.</summary>
        private void AppendRecords(List<BigInteger?> values)
        {
            values.Add(records.Count);
            foreach (var (name, list) in records)
            {
                values.Add(list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    var fields = list[i];
                    values.Add(freedRecords.Contains((name, i + 1)) ? 1 : 0);
                    foreach (var field in fields)
                    {
                        values.Add(field is null ? 0 : 1);
                        values.Add(field ?? 0);
                    }
                }
            }
        }
    }
}
