using System.Text;

namespace CascadeDistill.Imports;

/// <summary>
/// A small streaming RFC-4180 record reader: fields separated by commas, records by LF or CRLF,
/// quoted fields may hold commas, line breaks and doubled quotes. Holds one record in memory.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _line = 1;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    /// <param name="startLine">1-based line the record starts on.</param>
    /// <param name="problem">Why the record is malformed (a stray or unterminated quote), or null.</param>
    public bool TryRead(List<string> fields, out long startLine, out string? problem)
    {
        fields.Clear();
        _field.Clear();
        startLine = _line;
        problem = null;
        int c = reader.Read();
        if (c < 0)
        {
            return false;
        }
        bool inQuotes = false;
        bool afterQuote = false;
        while (true)
        {
            if (c < 0)
            {
                problem ??= inQuotes ? "unterminated quoted field" : null;
                fields.Add(_field.ToString());
                return true;
            }
            char ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    _line += ch == '\n' ? 1 : 0;
                    _field.Append(ch);
                }
            }
            else if (ch == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
                afterQuote = false;
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                _line++;
                fields.Add(_field.ToString());
                return true;
            }
            else if (ch == '"' && _field.Length == 0 && !afterQuote)
            {
                inQuotes = true;
            }
            else
            {
                problem ??= ch == '"' || afterQuote ? "a quote inside an unquoted field or text after a closing quote" : null;
                _field.Append(ch);
            }
            c = reader.Read();
        }
    }
}
