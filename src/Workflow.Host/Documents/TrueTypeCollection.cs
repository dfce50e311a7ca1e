using System.Buffers.Binary;

namespace Workflow.Host.Documents;

/// <summary>Takes the first face out of a TrueType collection (.ttc), which PDF embedding needs as a lone font file.</summary>
internal static class TrueTypeCollection
{
    private const uint CollectionTag = 0x74746366; // "ttcf"

    public static bool LooksLikeFont(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        if (file.Read(head) < 4) return false;
        var tag = BinaryPrimitives.ReadUInt32BigEndian(head);
        return tag is CollectionTag or 0x00010000 or 0x4F54544F or 0x74727565; // ttcf, TrueType, "OTTO", "true"
    }

    /// <summary><paramref name="file"/> itself when it is one font; else its first face with its own table directory.</summary>
    public static byte[] FirstFace(byte[] file)
    {
        if (file.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(file) != CollectionTag) return file;
        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(start + 4));
        var directoryLength = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i => start + 12 + 16 * i)
            .Select(r => (Record: r, Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 8)),
                Length: (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(r + 12)))).ToList();
        var size = directoryLength + records.Sum(t => (t.Length + 3) & ~3);
        var face = new byte[size];
        file.AsSpan(start, directoryLength).CopyTo(face);
        var at = directoryLength;
        for (var i = 0; i < records.Count; i++)
        {
            var (_, offset, length) = records[i];
            file.AsSpan(offset, length).CopyTo(face.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + 16 * i + 8), (uint)at);
            at += (length + 3) & ~3;
        }
        return face;
    }
}
