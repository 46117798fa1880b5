using System.Diagnostics;
using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Students;
using CascadeDistill.Testing.Features;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Tests.Export;

/// <summary>
/// A student with per-objective heads: the main outputs keep the serving contract (one vector per row,
/// score = dot product), each head is a further output, and ONNX Runtime matches the reference on every output.
/// </summary>
public sealed class OnnxExporterHeadsTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(FeatureSide.User)]
    [InlineData(FeatureSide.Item)]
    public void Export_TwoHeads_EveryOutputMatchesTheReference(FeatureSide side)
    {
        using ExportedStudent student = ExportedStudent.WithHeads();
        (TowerWeights tower, string path, string main) = side == FeatureSide.User
            ? (student.Weights.User, student.Result.UserTowerPath, OnnxExportConventions.UserOutputName)
            : (student.Weights.Item, student.Result.ItemTowerPath, OnnxExportConventions.ItemOutputName);
        FeatureBatch rows = new RandomFeatureBatchBuilder(tower.Features).WithRows(300).Build(seed: 5);
        float[] serving = TowerReference.Forward(tower, rows);
        float[] heads = TowerReference.ForwardHeads(tower, rows);
        var verifier = new OnnxRuntimeVerifier();

        ParityReport mainReport = verifier.Verify(path, rows, serving, 8, CancellationToken.None);
        Assert.True(mainReport.Passes(Tolerance), $"main output: {mainReport.MaxAbsDiff}");
        for (int k = 0; k < 2; k++)
        {
            HeadOutputNames names = student.Result.HeadOutputs[k];
            string output = side == FeatureSide.User ? names.UserOutput : names.ItemOutput;
            Assert.Equal($"{main}.{tower.Heads!.Names[k]}", output);
            float[] expected = [.. Enumerable.Range(0, rows.RowCount).SelectMany(r => heads.Skip((r * 8) + (k * 4)).Take(4))];
            ParityReport report = verifier.VerifyOutput(path, output, rows, expected, 4, CancellationToken.None);
            Assert.Equal(OnnxRuntimeVerifier.CheckNames, report.MaxAbsDiffByCheck.Keys);
            Assert.True(report.Passes(Tolerance), $"{output}: {report.MaxAbsDiff}");
        }
    }

    [Fact]
    public void Export_TwoHeads_DeclaresHeadsInMetadataAndTheMainOutputFirst()
    {
        using ExportedStudent student = ExportedStudent.WithHeads();
        using var session = new OnnxTowerSession(student.Result.UserTowerPath);

        Assert.Equal(OnnxExportConventions.UserOutputName, session.OutputName);
        Assert.Equal(8, session.EmbeddingDim);
        IReadOnlyList<(string Objective, string Output, int Dim)> heads = OnnxHeadsJson.Parse(session.Metadata[OnnxMetadataKeys.Heads]);
        Assert.Equal([("click", "user_embedding.click", 4), ("finish", "user_embedding.finish", 4)], heads);
        Assert.Contains("\"scale\":0.5", session.Metadata[OnnxMetadataKeys.Heads], StringComparison.Ordinal);
        using var head = new OnnxTowerSession(student.Result.UserTowerPath, GraphOptimizationLevel.ORT_ENABLE_ALL, outputName: "user_embedding.finish");
        Assert.Equal(4, head.EmbeddingDim);
        Assert.Throws<InvalidDataException>(() => new OnnxTowerSession(student.Result.UserTowerPath, outputName: "user_embedding.nope").Dispose());
    }

    [Fact]
    public void Export_SingleHead_WritesNoHeadsAndNoHeadOutputs()
    {
        using var student = new ExportedStudent();

        Assert.Empty(student.Result.HeadOutputs);
        using var session = new OnnxTowerSession(student.Result.UserTowerPath);
        Assert.False(session.Metadata.ContainsKey(OnnxMetadataKeys.Heads));
    }

    [Fact]
    public void Export_HeadsThatDoNotMatch_RefusedWithEveryProblem()
    {
        var error = Assert.Throws<InvalidDataException>(() => new ExportedStudent(change: w => w with
        {
            User = w.User with { Heads = new TowerHeads(["click", "finish", "share"], [1f, 0f, 1f]) },
            Item = w.Item with { Heads = TowerHeads.Unscaled(["click", "finish"]) },
        }).Dispose());

        Assert.Contains("same heads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckModel_TowersWithHeads_PassFullCheck()
    {
        using ExportedStudent student = ExportedStudent.WithHeads();
        foreach (string path in new[] { student.Result.UserTowerPath, student.Result.ItemTowerPath })
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(sys.argv[1], full_check=True); print(len(m.graph.output))");
            start.ArgumentList.Add(path);
            using Process process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"onnx.checker rejected {Path.GetFileName(path)} (python3-onnx needed: apt-get install python3-onnx): {stderr}");
            Assert.Equal("3", stdout.Trim());
        }
    }
}
