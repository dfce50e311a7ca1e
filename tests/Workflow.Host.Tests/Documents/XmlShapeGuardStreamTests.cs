using System.Text;
using Workflow.Host.Documents;

namespace Workflow.Host.Tests.Documents;

public class XmlShapeGuardStreamTests
{
    // Bounds of 3 and a 7-byte buffer: every shape is small, and the state must carry over from one read to the next.
    private static void Pass(string xml, int maxTagBytes = 1_000) => Pass(Encoding.UTF8.GetBytes(xml), maxTagBytes);

    private static void Pass(byte[] xml, int maxTagBytes = 1_000)
    {
        using var guard = new XmlShapeGuardStream(new MemoryStream(xml), maxDepth: 3, maxAttributes: 3, maxTagBytes: maxTagBytes);
        guard.CopyTo(Stream.Null, bufferSize: 7);
    }

    [Theory]
    [InlineData("<a><b><c/></b></a>")]
    [InlineData("<a><b><c></c></b><b><c></c></b></a>")]
    [InlineData("<a x=\"1\" y='2' z=\"p=q>r\"/>")]
    [InlineData("<?xml version=\"1.0\"?><!-- <x><x><x><x> --><a><![CDATA[<x><x><x><x>]]><?pi <x><x><x><x> ?></a>")]
    [InlineData("<a>文字 > 与 = 号</a>")]
    public void Markup_within_the_bounds_passes(string xml) => Pass(xml);

    [Theory]
    [InlineData("<a><b><c><d></d></c></b></a>")]
    [InlineData("<a w=\"\" x=\"\" y=\"\" z=\"\"/>")]
    [InlineData("<a><!-- </a></a></a> --><b><c><d></d></c></b></a>")]
    [InlineData("<a><![CDATA[</a></a></a>]]><b><c><d></d></c></b></a>")]
    [InlineData("<a><?pi </a></a></a> ?><b><c><d></d></c></b></a>")]
    public void Markup_beyond_the_bounds_is_refused_and_hidden_end_tags_do_not_lower_the_depth(string xml) =>
        Assert.Throws<InvalidDataException>(() => Pass(xml));

    [Fact]
    public void A_tag_longer_than_the_bound_is_refused()
    {
        Pass($"<a title=\"{new string('x', 980)}\"/>");
        Assert.Throws<InvalidDataException>(() => Pass($"<a title=\"{new string('x', 1_000)}\"/>"));
    }

    [Fact]
    public void Utf16_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Pass(Encoding.Unicode.GetBytes("<a></a>")));
    }
}
