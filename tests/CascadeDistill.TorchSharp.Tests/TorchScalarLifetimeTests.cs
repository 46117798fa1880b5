using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CascadeDistill.Torch.Tests;

/// <summary>
/// Guards the native-lifetime rule of src/CascadeDistill.TorchSharp (see Native/ScalarArithmetic.cs):
/// a TorchSharp <c>Scalar</c> must outlive the libtorch call that reads it. A temporary Scalar is
/// referenced by nothing once its handle is passed to libtorch; a garbage collection on another thread
/// can finalise it during the call, and libtorch reads freed memory ("Expected false to be true" from
/// c10/core/Scalar.h — seen in a benchmark and in this suite before the rule). The rule is checked on
/// the source with Roslyn, so it fails on the offending line instead of once in a thousand runs:
/// no implicit number → Scalar conversion; every <c>ToScalar()</c> is owned by a <c>using</c> or a static
/// field; and every TorchSharp member called is on the reviewed list of members whose TorchSharp
/// 0.107.0 source makes no hidden Scalar (TorchSharpMembersWithoutHiddenScalars.txt).
/// </summary>
public sealed class TorchScalarLifetimeTests
{
    [Fact]
    public void TorchSources_HaveNoImplicitScalarConversions()
    {
        IReadOnlyList<string> findings = Analyse(CompileTorchProject()).ImplicitConversions;

        Assert.True(findings.Count == 0,
            $"{findings.Count} implicit Scalar conversion(s); use Native/ScalarArithmetic or `using Scalar s = x.ToScalar()`:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void TorchSources_OwnEveryScalarTheyCreate()
    {
        IReadOnlyList<string> findings = Analyse(CompileTorchProject()).UnownedScalars;

        Assert.True(findings.Count == 0,
            $"ToScalar() outside a using declaration or a static field initializer:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void TorchSources_CallOnlyTorchSharpMembersReviewedForHiddenScalars()
    {
        IReadOnlyList<string> findings = Analyse(CompileTorchProject()).UnreviewedMembers;

        Assert.True(findings.Count == 0,
            "TorchSharp members not on TorchSharpMembersWithoutHiddenScalars.txt. Read each one's TorchSharp source: if it "
            + "(or anything it calls) turns a number into a Scalar it does not dispose, use Native/ScalarArithmetic instead; "
            + "otherwise add it to the list:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void Guard_FlagsEachKindOfHiddenScalar_AndAcceptsTheSafeForms()
    {
        const string Source = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Sample
            {
                static readonly Scalar Cached = 2.0.ToScalar();
                static Tensor Implicit(Tensor t) => t.mul(0.5);
                static Tensor HiddenInOperator(Tensor t) => t * 0.5;
                static Tensor HiddenAlpha(Tensor a, Tensor b) => a + b;
                static void HiddenInOptimiser(TorchSharp.Modules.Adam adam) => adam.step();
                static Scalar Unowned() => 3.0.ToScalar();
                static System.Func<Scalar, Tensor> HiddenInMethodGroup(Tensor t) => t.add_;
                static Tensor Safe(Tensor t)
                {
                    using Scalar half = 0.5.ToScalar();
                    return t.mul(half).mul(Cached);
                }
            }
            """;
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source, s_parseOptions, path: "Sample.cs");

        CSharpCompilation compilation = Compile([tree]);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        Analysis analysis = Analyse((compilation, [tree]));

        Assert.Equal(["Sample.cs:6: '0.5' (double → Scalar)"], analysis.ImplicitConversions);
        Assert.Equal(["Sample.cs:10: '3.0.ToScalar()'"], analysis.UnownedScalars);
        string[] unreviewed = [.. analysis.UnreviewedMembers.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)])];
        Assert.Equal(["Sample.cs:7:", "Sample.cs:8:", "Sample.cs:9:", "Sample.cs:11:"], unreviewed);
    }

    private sealed record Analysis(IReadOnlyList<string> ImplicitConversions, IReadOnlyList<string> UnownedScalars, IReadOnlyList<string> UnreviewedMembers);

    private static readonly Lazy<HashSet<string>> s_reviewed = new(() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TorchSharpMembersWithoutHiddenScalars.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))]);

    private static Analysis Analyse((Compilation Compilation, IReadOnlyList<SyntaxTree> Trees) project)
    {
        var implicitConversions = new List<string>();
        var unowned = new List<string>();
        var unreviewed = new List<string>();
        foreach (SyntaxTree tree in project.Trees)
        {
            SemanticModel model = project.Compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if (node is ExpressionSyntax expression && !(node.Parent is MemberAccessExpressionSyntax access && access.Name == node))
                {
                    TypeInfo type = model.GetTypeInfo(expression);
                    if (IsScalar(type.ConvertedType) && type.Type is not null && !IsScalar(type.Type))
                    {
                        implicitConversions.Add($"{Where(node)}: '{node}' ({type.Type.ToDisplayString()} → Scalar)");
                    }
                }
                if (!IsCallOrMethodGroup(node) || model.GetSymbolInfo(node).Symbol is not IMethodSymbol method)
                {
                    continue;
                }
                if (method.Name == "ToScalar" && method.ContainingType.ToDisplayString() == "TorchSharp.ScalarExtensionMethods" && !IsOwned(node))
                {
                    unowned.Add($"{Where(node)}: '{node}'");
                }
                else if (method.ContainingAssembly?.Name == "TorchSharp" && !s_reviewed.Value.Contains(Display(method)))
                {
                    unreviewed.Add($"{Where(node)}: {Display(method)}");
                }
            }
        }
        return new Analysis(implicitConversions, unowned, [.. unreviewed.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>A call (invocation, construction, operator) or a method group such as <c>tensor.sub</c> passed as a delegate.</summary>
    private static bool IsCallOrMethodGroup(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
            or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or AssignmentExpressionSyntax => true,
        MemberAccessExpressionSyntax or IdentifierNameSyntax =>
            !(node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node)
            && !(node.Parent is MemberAccessExpressionSyntax access && access.Name == node),
        _ => false,
    };

    /// <summary>
    /// A using local's initializer, a static field's, or the first argument of <c>ScalarArithmetic.With</c>
    /// (which disposes it after the call it makes).
    /// </summary>
    private static bool IsOwned(SyntaxNode call) => call.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Parent switch
        {
            LocalDeclarationStatementSyntax local => local.UsingKeyword != default,
            FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.StaticKeyword),
            _ => false,
        },
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "With" } } } list } =>
            list.Arguments[0] == call.Parent && call.Ancestors().OfType<ClassDeclarationSyntax>().Any(c => c.Identifier.Text == "ScalarArithmetic"),
        _ => false,
    };

    private static string Display(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.ToDisplayString();

    private static bool IsScalar(ITypeSymbol? type) => type?.ToDisplayString() == "TorchSharp.Scalar";

    private static string Where(SyntaxNode node)
    {
        FileLinePositionSpan span = node.GetLocation().GetLineSpan();
        return $"{Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
    }

    private static readonly Lazy<(Compilation, IReadOnlyList<SyntaxTree>)> s_project = new(CompileProject);

    private static (Compilation Compilation, IReadOnlyList<SyntaxTree> Trees) CompileTorchProject() => s_project.Value;

    private static (Compilation, IReadOnlyList<SyntaxTree>) CompileProject()
    {
        string project = Path.Combine(RepositoryRoot(), "src", "CascadeDistill.TorchSharp");
        char separator = Path.DirectorySeparatorChar;
        SyntaxTree[] trees = [.. Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), s_parseOptions, path: f))];
        Assert.True(trees.Length > 10, $"found only {trees.Length} source files under {project}");
        CSharpCompilation compilation = Compile(trees);
        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        // The semantic model is only trustworthy for a project that compiles.
        Assert.True(errors.Length == 0, "the guard's compilation of src/CascadeDistill.TorchSharp failed:\n" + string.Join('\n', errors.Take(20)));
        return (compilation, trees);
    }

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Preview);

    /// <summary>The SDK's implicit usings (ImplicitUsings=enable in Directory.Build.props).</summary>
    private static readonly SyntaxTree s_implicitUsings = CSharpSyntaxTree.ParseText("""
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """, s_parseOptions, path: "ImplicitUsings.g.cs");

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
    {
        // Everything the test host can load, except the assemblies built from the sources being compiled.
        MetadataReference[] references = [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("CascadeDistill.TorchSharp", StringComparison.OrdinalIgnoreCase))
            .Select(p => MetadataReference.CreateFromFile(p))];
        return CSharpCompilation.Create(
            "TorchScalarLifetimeGuard",
            [s_implicitUsings, .. trees],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CascadeDistill.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"CascadeDistill.sln not found above {AppContext.BaseDirectory}");
    }
}
