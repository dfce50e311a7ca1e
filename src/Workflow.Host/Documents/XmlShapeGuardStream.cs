namespace Workflow.Host.Documents;

/// <summary>
/// Hands an XML part to a reader while counting, on its raw bytes, what XmlReader pays dearly for: nesting depth,
/// attributes on one tag and the length of one tag. Past a bound it throws <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>
/// XmlReader keeps a node per open element and per attribute of the current tag, and a whole tag in its buffer. Measured on
/// 2 cores within a 32 MB part: 4 million nested elements (a 28 KB .docx) took 7 s and 540 MB, 3 million attributes on one
/// tag 205 s and 700 MB, one 30 MB attribute 120 MB. Word writes tens of levels, tens of attributes and tags of a few KB.
/// The bytes counted (&lt; &gt; / = " ') are ASCII and never part of a multibyte character in UTF-8 or the GB encodings, so the
/// count is exact there; UTF-16 and UTF-32 put NUL bytes beside them and are refused (NUL is not XML in any encoding).
/// </remarks>
public sealed class XmlShapeGuardStream(Stream inner, int maxDepth = 1_000, int maxAttributes = 1_000, int maxTagBytes = 1 << 20)
    : Stream
{
    private enum Where { Text, TagOpened, StartTag, Quoted, EndTag, Bang, Comment, CData, Instruction, Declaration }

    private Where _where = Where.Text;
    private byte _quote;
    private byte _previous;
    private byte _beforePrevious;
    private int _depth;
    private int _attributes;
    private int _tagBytes;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0)) throw new InvalidDataException("NUL byte: the XML is not in UTF-8.");
        var i = 0;
        while (i < bytes.Length)
        {
            if (_where == Where.Text)
            {
                var next = bytes[i..].IndexOf((byte)'<');
                if (next < 0) return;
                i += next + 1;
                (_where, _tagBytes, _attributes, _previous) = (Where.TagOpened, 1, 0, (byte)'<');
                continue;
            }
            var b = bytes[i++];
            if (_where is Where.TagOpened or Where.StartTag or Where.Quoted or Where.EndTag && ++_tagBytes > maxTagBytes)
                throw new InvalidDataException($"A tag longer than {maxTagBytes} bytes.");
            _where = Next(b);
            (_beforePrevious, _previous) = (_previous, b);
        }
    }

    // Comments, CDATA and processing instructions end only at their own closing marks, so a '>' or '</' inside one cannot
    // be taken for markup and lower the count.
    private Where Next(byte b) => _where switch
    {
        Where.TagOpened => b switch
        {
            (byte)'/' => Where.EndTag,
            (byte)'!' => Where.Bang,
            (byte)'?' => Where.Instruction,
            _ => Where.StartTag,
        },
        Where.Bang => b switch
        {
            (byte)'-' => Where.Comment,
            (byte)'[' => Where.CData,
            _ => Where.Declaration,
        },
        Where.StartTag => b switch
        {
            (byte)'"' or (byte)'\'' => Quote(b),
            (byte)'=' => Attribute(),
            (byte)'>' => StartOfElement(),
            _ => Where.StartTag,
        },
        Where.Quoted => b == _quote ? Where.StartTag : Where.Quoted,
        Where.EndTag => b == '>' ? EndOfElement() : Where.EndTag,
        Where.Comment => b == '>' && _previous == '-' && _beforePrevious == '-' ? Where.Text : Where.Comment,
        Where.CData => b == '>' && _previous == ']' && _beforePrevious == ']' ? Where.Text : Where.CData,
        Where.Instruction => b == '>' && _previous == '?' ? Where.Text : Where.Instruction,
        // A DTD: XmlReader refuses it when it gets there.
        _ => b == '>' ? Where.Text : Where.Declaration,
    };

    private Where Quote(byte quote)
    {
        _quote = quote;
        return Where.Quoted;
    }

    private Where Attribute()
    {
        if (++_attributes > maxAttributes) throw new InvalidDataException($"A tag with more than {maxAttributes} attributes.");
        return Where.StartTag;
    }

    private Where StartOfElement()
    {
        // "<a/>" opens and closes at once.
        if (_previous != '/' && ++_depth > maxDepth) throw new InvalidDataException($"Elements nested deeper than {maxDepth}.");
        return Where.Text;
    }

    private Where EndOfElement()
    {
        _depth--;
        return Where.Text;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
