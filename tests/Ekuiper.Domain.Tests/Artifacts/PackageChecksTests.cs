using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Domain.Tests.Artifacts;

public sealed class PackageChecksTests
{
    private static readonly PackageEntry Image = new("image", "file:///p/image.zip", [], null);

    [TestCase("image.so")]
    [TestCase("Image.so")]
    [TestCase("image@v1.2.0.so")]
    public void A_function_plugin_needs_only_its_library(string library)
    {
        var result = NativePluginPackage.Check("functions", Image, new Package((library, "")));

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value!.Functions, Is.EqualTo(new[] { "image" }));
    }

    [TestCase("lib/image.so")]
    [TestCase("images.so")]
    [TestCase("image.dll")]
    public void A_library_elsewhere_or_named_otherwise_does_not_count(string library)
    {
        Assert.That(NativePluginPackage.Check("sinks", Image, new Package((library, ""))).Error,
            Is.EqualTo("invalid zip file: no plugin library: expected image.so, Image.so or image@<version>.so at the top of the zip"));
    }

    [TestCase("Random@v1.0.0.so", "1.0.0")]
    [TestCase("random@2.so", "2")]
    [TestCase("random.so", "")]
    public void A_library_names_its_version_as_eKuipers_describe_reads_it(string library, string version)
    {
        Assert.That(NativePluginPackage.VersionOf(library), Is.EqualTo(version));
        Assert.That(NativePluginPackage.LibraryOf("random", ["random.yaml", "lib/random.so", library]), Is.EqualTo(library));
    }

    [Test]
    public void Two_libraries_are_ambiguous()
    {
        Assert.That(NativePluginPackage.Check("sinks", Image, new Package(("image.so", ""), ("Image@v2.so", ""))).Error,
            Is.EqualTo("invalid zip file: more than one plugin library: Image@v2.so, image.so"));
    }

    [Test]
    public void The_functions_come_from_the_entry_then_the_metadata_then_the_name()
    {
        var metadata = "{\"functions\":[{\"name\":\"resize\"},{\"name\":\"thumbnail\"}]}";
        var declared = Image with { Functions = ["crop"] };

        Assert.That(NativePluginPackage.FunctionNames(declared, metadata), Is.EqualTo(new[] { "crop" }));
        Assert.That(NativePluginPackage.FunctionNames(Image, metadata), Is.EqualTo(new[] { "resize", "thumbnail" }));
        Assert.That(NativePluginPackage.FunctionNames(Image, "{\"about\":{}}"), Is.EqualTo(new[] { "image" }));
    }

    [Test]
    public void Metadata_that_is_not_json_is_refused()
    {
        Assert.That(NativePluginPackage.Check("functions", Image, new Package(("image.so", ""), ("image.json", "{oops"))).Error,
            Does.StartWith("invalid metadata file image.json: "));
    }

    [TestCase("{\"name\":\"p\",\"language\":\"go\",\"executable\":\"bin/p\",\"functions\":[\"f\"]}", "missing bin/p")]
    [TestCase("{\"name\":\"p\",\"executable\":\"p\",\"functions\":[\"f\"]}", "invalid plugin, missing language")]
    [TestCase("{\"name\":\"p\",\"language\":\"go\",\"functions\":[\"f\"]}", "invalid plugin, missing executable")]
    [TestCase("{\"name\":\"p\",\"language\":\"go\",\"executable\":\"p\"}", "invalid plugin, must define at least one source, sink or function")]
    [TestCase("{\"name\":\"p\",\"language\":\"java\",\"executable\":\"p\",\"sinks\":[\"s\"]}", "invalid plugin, language 'java' is not supported")]
    [TestCase("{\"name\":\"p\",\"language\":\"go\",\"executable\":\"p\",\"sources\":[\"s\"]}", "missing sources/s.yaml")]
    [TestCase("{\"name\":\"p\",\"language\":\"go\",\"executable\":\"p\",\"sinks\":\"s\"}", "invalid json file p.json: field sinks must be an array of strings")]
    public void A_portable_plugin_manifest_is_checked_as_eKuiper_checks_it(string manifest, string expected)
    {
        Assert.That(PortablePluginPackage.Check("p", new Package(("p.json", manifest), ("p", "#!"))).Error, Is.EqualTo(expected));
    }

    [Test]
    public void A_portable_plugin_without_its_manifest_is_refused()
    {
        Assert.That(PortablePluginPackage.Check("p", new Package(("p", "#!"), ("q.json", "{}"))).Error,
            Is.EqualTo("missing or invalid json file p.json, found 2 files in total"));
    }

    [Test]
    public void A_schemaless_service_interface_is_one_function_named_after_it()
    {
        var descriptor = "{\"interfaces\":{\"tsschemaless\":{\"address\":\"http://localhost:8090\",\"protocol\":\"rest\",\"schemaless\":true}}}";

        var result = ServicePackage.Check("sample", new Package(("Sample.json", descriptor)));

        Assert.That(result.Value!.Functions, Is.EqualTo(new[] { "tsschemaless" }));
    }

    [TestCase("{\"interfaces\":{}}", "interfaces must be an object with at least one interface")]
    [TestCase("{\"interfaces\":{\"i\":{\"protocol\":\"rest\",\"schemaless\":true}}}", "interface i: address is required")]
    [TestCase("{\"interfaces\":{\"i\":{\"address\":\"a\",\"protocol\":\"soap\",\"schemaless\":true}}}", "interface i: unsupported protocol soap: use rest, grpc or msgpack-rpc")]
    [TestCase("{\"interfaces\":{\"i\":{\"address\":\"a\",\"protocol\":\"grpc\",\"schemaType\":\"protobuf\",\"schemaFile\":\"x.proto\"}}}", "Fail to parse schema file x.proto: schemas/x.proto is not in the service zip")]
    [TestCase("{\"interfaces\":{\"i\":{\"address\":\"a\",\"protocol\":\"grpc\",\"schemaType\":\"protobuf\",\"schemaFile\":\"bad.proto\"}}}", "Fail to parse schema file bad.proto: line 1: message A is never closed: expected \"}\"")]
    [TestCase("{\"interfaces\":{\"i\":{\"address\":\"a\",\"protocol\":\"grpc\",\"schemaType\":\"protobuf\",\"schemaFile\":\"norpc.proto\"}}}", "Fail to parse schema file norpc.proto: it defines no rpc in a service")]
    [TestCase("{\"interfaces\":{\"i\":{\"address\":\"a\",\"protocol\":\"grpc\",\"schemaType\":\"json\",\"schemaFile\":\"x\"}}}", "interface i: unsupported schema json for schema type: use protobuf")]
    public void A_service_descriptor_is_checked(string descriptor, string expected)
    {
        var files = new Package(("s.json", descriptor), ("schemas/bad.proto", "message A {"), ("schemas/norpc.proto", "message A {}"));

        Assert.That(ServicePackage.Check("s", files).Error, Is.EqualTo($"parse services file s.json failed: {expected}"));
    }

    [TestCase("../x")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("..")]
    [TestCase("")]
    [TestCase(" a")]
    [TestCase("c:x")]
    public void Names_that_are_not_plain_file_names_are_refused(string name)
    {
        Assert.That(FileNames.Check(name, "plugin"), Is.EqualTo($"invalid plugin name {name}: must be a plain file name without path separators or '..'"));
    }

    private sealed class Package(params (string Path, string Text)[] files) : IPackageContents
    {
        public IReadOnlyCollection<string> Files => files.Select(f => f.Path).ToList();

        public string? ReadText(string path) => files.Where(f => f.Path == path).Select(f => f.Text).FirstOrDefault();
    }
}
