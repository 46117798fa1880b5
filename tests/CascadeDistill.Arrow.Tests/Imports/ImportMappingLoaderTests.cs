using CascadeDistill.Imports;

namespace CascadeDistill.Arrow.Tests.Imports;

public sealed class ImportMappingLoaderTests
{
    [Fact]
    public void Parse_SeveralProblems_ListsEveryOneWithItsPath()
    {
        const string yaml = """
            request_id: req
            event_time: { column: ts, format: unix }
            user_id: uid
            position: { column: pos }
            teacher: {}
            colour: red
            min_candidates: 0
            features:
              - { name: teacher.x, column: a, kind: categorical }
              - { name: item.tags, column: t, kind: list }
            """;

        var e = Assert.Throws<ImportMappingException>(() => ImportMappingLoader.Parse(yaml, "m.yaml"));

        string[] paths = [.. e.Errors.Select(x => x.Path)];
        Assert.Contains("event_time.format", paths);
        Assert.Contains("item_id", paths);
        Assert.Contains("teacher", paths);
        Assert.Contains("colour", paths);
        Assert.Contains("features[0].name", paths);
        Assert.Contains("features[1].kind", paths);
        Assert.Contains("min_candidates", paths);
    }

    [Fact]
    public void CsvRecordReader_QuotedFields_KeepCommasNewlinesAndQuotes()
    {
        var reader = new CsvRecordReader(new StringReader("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n"));
        var fields = new List<string>();

        Assert.True(reader.TryRead(fields, out long first, out string? problem));
        Assert.Equal(["a", "b,1", "say \"hi\""], fields);
        Assert.Null(problem);
        Assert.Equal(1, first);
        Assert.True(reader.TryRead(fields, out long second, out problem));
        Assert.Equal(["two\nlines", "x", ""], fields);
        Assert.Equal(2, second);
        Assert.False(reader.TryRead(fields, out _, out _));
    }
}
