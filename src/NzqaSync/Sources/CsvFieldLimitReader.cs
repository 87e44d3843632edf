namespace NzqaSync.Sources;

/// <summary>
/// Sits between the file and CsvHelper so one huge field cannot take the machine's memory (a 200 MB line took
/// 1.8 GB): records pass through unchanged while each field stays under <see cref="MaxFieldLength"/> characters
/// and the record under <see cref="MaxRecordLength"/>. A record that breaks either cap is dropped as it is read
/// (never held whole) and replaced by a one-cell record holding <see cref="Marker"/>, followed by as many line
/// breaks as the record had, so every later row keeps its line number and the rest of the file is read as usual.
/// </summary>
/// <remarks>
/// Quote-aware like CsvHelper: a field opened with a quote runs to its closing quote (a doubled quote is one
/// quote), line breaks inside it belong to it. The delimiter is not known here (CsvHelper detects it), so any of
/// , ; | and tab ends a field for counting: a field may be counted shorter than it is, never longer; the record cap
/// bounds memory whatever the delimiter.
/// </remarks>
internal sealed class CsvFieldLimitReader : TextReader
{
    /// <summary>The one cell of a record that was too long: U+FFFF (a noncharacter) then F (a field) or R (the record).</summary>
    public const char Marker = '\uFFFF';

    public const int MaxFieldLength = 64 * 1024;
    public const int MaxRecordLength = 16 * MaxFieldLength;

    private readonly TextReader _inner;
    private readonly int _maxField;
    private readonly int _maxRecord;
    private readonly char[] _in = new char[16 * 1024];
    private int _inPos, _inLen;
    private bool _eof;

    // The current record's characters: those of earlier buffers in _record, those of this buffer from _segStart
    // (appended as one range, not a character at a time).
    private readonly StringBuilder _record = new StringBuilder();
    private int _segStart, _recordLength;
    private readonly StringBuilder _output = new StringBuilder();
    private string _out = "";
    private int _outPos;

    private bool _inQuotes, _fieldStart = true, _fieldQuoted, _previousWasQuote, _afterCr;
    private int _fieldLength, _breaks;
    private char _tooLong; // '\0' while the record is within the caps, else 'F' or 'R'

    public CsvFieldLimitReader(TextReader inner, int maxField = MaxFieldLength, int maxRecord = MaxRecordLength)
    {
        _inner = inner;
        _maxField = maxField;
        _maxRecord = Math.Max(maxRecord, maxField);
    }

    public override int Peek() => Fill() ? _out[_outPos] : -1;

    public override int Read() => Fill() ? _out[_outPos++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        if (count == 0 || !Fill()) return 0;
        var n = Math.Min(count, _out.Length - _outPos);
        _out.CopyTo(_outPos, buffer, index, n);
        _outPos += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Makes sure there is output to hand out; false at the end of the file.</summary>
    private bool Fill()
    {
        while (_outPos >= _out.Length)
        {
            _out = "";
            _outPos = 0;
            if (_eof) return false;
            var output = _output.Clear();
            if (_inPos >= _inLen)
            {
                if (!ReadBlock())
                {
                    _eof = true;
                    EndRecord(output);
                    _out = output.ToString();
                    continue;
                }
            }
            while (_inPos < _inLen && output.Length < _in.Length)
            {
                var c = _in[_inPos++];
                if (Take(c))
                {
                    Flush();
                    EndRecord(output);
                }
            }
            _out = output.ToString();
        }
        return true;
    }

    /// <summary>Reads one character into the record; true when it ended the record.</summary>
    private bool Take(char c)
    {
        var isBreak = c == '\n' || c == '\r';
        if (c == '\n' && _afterCr)
        {
            // The \n of a \r\n: part of the line break already counted.
            _afterCr = false;
            if (_tooLong == '\0') _recordLength++;
            return false;
        }
        _afterCr = false;
        if (_tooLong == '\0') _recordLength++;
        if (isBreak)
        {
            _breaks++;
            _afterCr = c == '\r';
        }

        if (_inQuotes)
        {
            if (c == '"') _inQuotes = false;
            _previousWasQuote = c == '"';
            _fieldLength++;
        }
        else if (c == '"' && (_fieldStart || (_fieldQuoted && _previousWasQuote)))
        {
            // Opens a quoted field, or the second quote of a doubled quote inside one.
            _inQuotes = true;
            _fieldQuoted = true;
            _fieldStart = false;
            _previousWasQuote = false;
            _fieldLength++;
        }
        else if (isBreak)
        {
            if (_afterCr) PeekCrLf();
            return true;
        }
        else if (c == ',' || c == ';' || c == '|' || c == '\t')
        {
            _fieldLength = 0;
            _fieldStart = true;
            _fieldQuoted = false;
            _previousWasQuote = false;
        }
        else
        {
            if (c != ' ') _fieldStart = false;
            _previousWasQuote = c == '"';
            _fieldLength++;
        }

        if (_tooLong == '\0' && (_fieldLength > _maxField || _recordLength > _maxRecord))
        {
            _tooLong = _fieldLength > _maxField ? 'F' : 'R';
            _record.Clear();
            _segStart = _inPos;
        }
        return false;
    }

    /// <summary>After an unquoted \r: a \n that follows belongs to the same line break.</summary>
    private void PeekCrLf()
    {
        if (_inPos >= _inLen && !ReadBlock())
        {
            _inLen = 0;
            return;
        }
        if (_in[_inPos] == '\n')
        {
            _inPos++;
            if (_tooLong == '\0') _recordLength++;
        }
        _afterCr = false;
    }

    /// <summary>Keeps what the buffer holds of the current record, then reads the next block; false at the end of the input.</summary>
    private bool ReadBlock()
    {
        Flush();
        _inLen = _inner.Read(_in, 0, _in.Length);
        _inPos = 0;
        _segStart = 0;
        return _inLen > 0;
    }

    /// <summary>Moves this buffer's characters of the current record into _record (none once it is too long).</summary>
    private void Flush()
    {
        if (_tooLong == '\0' && _inPos > _segStart) _record.Append(_in, _segStart, _inPos - _segStart);
        _segStart = _inPos;
    }

    /// <summary>Writes the record as read, or the marker record and its line breaks; resets for the next record.</summary>
    private void EndRecord(StringBuilder output)
    {
        if (_tooLong == '\0')
            output.Append(_record);
        else
            output.Append(Marker).Append(_tooLong).Append('\n', Math.Max(_breaks, 1));
        _record.Clear();
        _recordLength = 0;
        _inQuotes = false;
        _fieldStart = true;
        _fieldQuoted = false;
        _previousWasQuote = false;
        _fieldLength = 0;
        _breaks = 0;
        _tooLong = '\0';
    }
}
