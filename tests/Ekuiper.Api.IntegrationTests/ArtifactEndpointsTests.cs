using System.Net.Http.Json;
using System.Text.Json;
using Ekuiper.Tests.Shared;

namespace Ekuiper.Api.IntegrationTests;

public sealed class ArtifactEndpointsTests : ServerTest
{
    private const string Area = """{"id":"area","description":"calculate area","script":"function area(x, y) { return x * y; }","isAgg":false}""";

    private string UploadPath(string name) => Path.Combine(Factory.DataDirectory, "uploads", name);

    [Test]
    public async Task Plugins_are_listed_by_kind()
    {
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("nativePlugins", "sources_video", $$"""{"name":"video","file":"{{WriteFixture("video.zip", PackageZips.NativePlugin("sources", "video"))}}"}"""),
            ("nativePlugins", "functions_image", $$"""{"name":"image","file":"{{WriteFixture("image.zip", PackageZips.NativePlugin("functions", "image"))}}"}"""))).ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());

        Assert.That(await Client.GetNamesAsync("/plugins/sources"), Is.EqualTo(new[] { "video" }));
        Assert.That(await Client.GetNamesAsync("/plugins/functions"), Is.EqualTo(new[] { "image" }));
        Assert.That(await Client.GetNamesAsync("/plugins/sinks"), Is.Empty);
        var (status, _) = await Client.GetAsync("/plugins/widgets").ReadAsync();
        Assert.That(status, Is.EqualTo(404));
    }

    [Test]
    public async Task Portable_plugins_schemas_and_services_are_listed()
    {
        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(
            ("portablePlugins", "pyjson", $$"""{"name":"pyjson","file":"{{WriteFixture("pyjson.zip", PackageZips.PortablePlugin("pyjson", ["pyfn"]))}}"}"""),
            ("Schema", "protobuf_book", """{"name":"book","content":"message Book {required string title = 1;}"}"""),
            ("Schema", "custom_shape", $$"""{"name":"shape","soFile":"{{WriteFixture("shape.so", [0x7F, 0x45, 0x4C, 0x46])}}"}"""),
            ("Service", "geo", $$"""{"name":"geo","file":"{{WriteFixture("geo.zip", PackageZips.Service("geo"))}}"}"""))).ReadAsync();
        Assert.That(imported, Is.EqualTo(200), report.ToString());

        var (_, portables) = await Client.GetAsync("/plugins/portables").ReadTextAsync();

        var executable = JsonSerializer.Serialize(Path.Combine(Factory.DataDirectory, "plugins", "portable", "pyjson", "bin", "pyjson"));
        Assert.That(portables, Is.EqualTo(
            $$"""[{"name":"pyjson","version":"v1.0.0","language":"go","executable":{{executable}},"sources":[],"sinks":[],"functions":["pyfn"]}]"""));
        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.EqualTo(new[] { "book" }));
        Assert.That(await Client.GetNamesAsync("/schemas/custom"), Is.EqualTo(new[] { "shape" }));
        Assert.That(await Client.GetNamesAsync("/services"), Is.EqualTo(new[] { "geo" }));
        (await Client.GetAsync("/schemas/xml").ReadAsync()).AssertError(404, "schema type xml not found");
    }

    [Test]
    public async Task Upload_by_content_writes_the_file_answers_its_path_and_is_exported()
    {
        var (status, text) = await Client.PostAsJsonAsync("/config/uploads", new { name = "my.json", content = "{\"hello\":\"world\"}" }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("my.json"))));
        Assert.That(await File.ReadAllTextAsync(UploadPath("my.json")), Is.EqualTo("{\"hello\":\"world\"}"));
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { UploadPath("my.json") }));
        Assert.That((await Client.ExportSectionsAsync())["uploads"]["my.json"], Is.EqualTo("""{"name":"my.json","content":"{\"hello\":\"world\"}"}"""));
    }

    [Test]
    public async Task Upload_by_file_uri_copies_the_file()
    {
        var source = Path.Combine(Factory.DataDirectory, "source.txt");
        await File.WriteAllTextAsync(source, "from a file");

        var (status, text) = await Client.PostAsJsonAsync("/config/uploads", new { name = "copy.txt", file = new Uri(source).AbsoluteUri }).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("copy.txt"))));
        Assert.That(await File.ReadAllTextAsync(UploadPath("copy.txt")), Is.EqualTo("from a file"));
    }

    [Test]
    public async Task Multipart_upload_writes_the_file_under_its_own_name()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([1, 2, 3]), "uploadFile", "image.gif");

        var (status, text) = await Client.PostAsync("/config/uploads", form).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, UploadPath("image.gif"))));
        Assert.That(await File.ReadAllBytesAsync(UploadPath("image.gif")), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { UploadPath("image.gif") }));
    }

    [Test]
    public async Task Multipart_upload_without_the_uploadFile_field_is_refused()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([1]), "other", "a.bin");

        (await Client.PostAsync("/config/uploads", form).ReadAsync())
            .AssertError(400, "Error Retrieving the File: the form has no uploadFile file");
    }

    [TestCase("../escape.txt")]
    [TestCase("..")]
    [TestCase("dir/../../escape.txt")]
    [TestCase("dir\\..\\..\\escape.txt")]
    public async Task An_upload_name_that_leaves_the_directory_is_refused_and_nothing_is_written(string name)
    {
        (await Client.PostAsJsonAsync("/config/uploads", new { name, content = "x" }).ReadAsync())
            .AssertError(400, $"invalid upload name {name}: must be a path under the uploads folder, of '/'-separated names without '..', '\\', ':' or control characters");

        Assert.That(File.Exists(Path.Combine(Factory.DataDirectory, "escape.txt")), Is.False);
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.Empty);
    }

    [Test]
    public async Task An_upload_without_content_or_file_or_name_is_refused()
    {
        (await Client.PostAsJsonAsync("/config/uploads", new { name = "a.txt" }).ReadAsync())
            .AssertError(400, "invalid body: content or FilePath is required");
        (await Client.PostAsJsonAsync("/config/uploads", new { content = "x" }).ReadAsync())
            .AssertError(400, "invalid body: name is required");
        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.Empty);
    }

    [Test]
    public async Task An_upload_whose_file_cannot_be_read_is_refused_and_records_nothing()
    {
        var (status, body) = await Client.PostAsJsonAsync("/config/uploads", new { name = "a.txt", file = "file:///does/not/exist" }).ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("fail to download file file:///does/not/exist"));
        Assert.That((await Client.ExportSectionsAsync())["uploads"], Is.Empty);
    }

    [Test]
    public async Task Delete_removes_the_file_and_its_record_and_a_second_delete_is_404()
    {
        await Client.PostAsJsonAsync("/config/uploads", new { name = "my.json", content = "{}" });

        var (status, text) = await Client.DeleteAsync("/config/uploads/my.json").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((200, "ok")));
        Assert.That(File.Exists(UploadPath("my.json")), Is.False);
        Assert.That((await Client.ExportSectionsAsync())["uploads"], Is.Empty);
        (await Client.DeleteAsync("/config/uploads/my.json").ReadAsync())
            .AssertError(404, "Error deleting the file: upload my.json is not found");
    }

    [Test]
    public async Task An_imported_upload_is_listed()
    {
        await Client.ImportContentAsync(EkuiperClient.Document(("uploads", "imported.txt", """{"name":"imported.txt","content":"hi"}""")));

        Assert.That(await Client.GetNamesAsync("/config/uploads"), Is.EqualTo(new[] { UploadPath("imported.txt") }));
    }

    [Test]
    public async Task A_javascript_function_is_created_listed_described_and_exported()
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", Area).ReadTextAsync();
        var (describeStatus, description) = await Client.GetAsync("/udf/javascript/area").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, "javascript function area is created")));
        Assert.That(await Client.GetNamesAsync("/udf/javascript"), Is.EqualTo(new[] { "area" }));
        Assert.That((describeStatus, description), Is.EqualTo((200, Area)));
        Assert.That((await Client.ExportSectionsAsync())["scripts"]["area"], Is.EqualTo(Area));
    }

    [Test]
    public async Task Describe_fills_in_the_fields_a_function_was_created_without()
    {
        await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", """{"id":"f","script":"function f() { return 1; }"}""");

        var (_, description) = await Client.GetAsync("/udf/javascript/f").ReadTextAsync();

        Assert.That(description, Is.EqualTo("""{"id":"f","description":"","script":"function f() { return 1; }","isAgg":false}"""));
    }

    [Test]
    public async Task A_second_create_of_a_function_is_refused()
    {
        await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", Area);

        (await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", Area.Replace("x * y", "x + y")).ReadAsync())
            .AssertError(400, "javascript function create command error: javascript function area already exists");
        Assert.That((await Client.ExportSectionsAsync())["scripts"]["area"], Is.EqualTo(Area));
    }

    [TestCase("""{"id":"f"}""", "javascript function create command error: Script f has no script body.")]
    [TestCase("""{"script":"function f() {}"}""", "javascript function create command error: Missing script id.")]
    [TestCase("""{"id":"f","script":"function f() {}","isAgg":"no"}""", "Invalid body: Error decoding the new javascript function json: json: cannot unmarshal string into Go struct field Script.isAgg of type bool")]
    public async Task An_invalid_function_is_refused(string body, string message)
    {
        (await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", body).ReadAsync()).AssertError(400, message);

        Assert.That(await Client.GetNamesAsync("/udf/javascript"), Is.Empty);
    }

    [Test]
    public async Task A_function_body_that_is_not_json_is_refused()
    {
        var (status, body) = await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", "function f() {}").ReadAsync();

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("Invalid body: Error decoding the new javascript function json: "));
    }

    [Test]
    public async Task Update_replaces_or_creates_a_function_and_delete_removes_it()
    {
        await Client.SendTextAsync(HttpMethod.Post, "/udf/javascript", Area);
        var replaced = Area.Replace("x * y", "x * y * 2");

        var update = await Client.SendTextAsync(HttpMethod.Put, "/udf/javascript/area", replaced).ReadTextAsync();
        var create = await Client.SendTextAsync(HttpMethod.Put, "/udf/javascript/g", """{"id":"g","script":"function g() {}"}""").ReadTextAsync();

        Assert.That(update, Is.EqualTo((200, "javascript function area is updated")));
        Assert.That(create, Is.EqualTo((200, "javascript function g is updated")));
        Assert.That((await Client.ExportSectionsAsync())["scripts"]["area"], Is.EqualTo(replaced));

        var delete = await Client.DeleteAsync("/udf/javascript/area").ReadTextAsync();

        Assert.That(delete, Is.EqualTo((200, "javascript function area is deleted")));
        Assert.That(await Client.GetNamesAsync("/udf/javascript"), Is.EqualTo(new[] { "g" }));
        (await Client.GetAsync("/udf/javascript/area").ReadAsync()).AssertError(400, "describe javascript function area error: not found");
        (await Client.DeleteAsync("/udf/javascript/area").ReadAsync()).AssertError(404, "delete javascript function area error: area is not found");
    }

    [Test]
    public async Task Update_under_another_id_is_refused()
    {
        (await Client.SendTextAsync(HttpMethod.Put, "/udf/javascript/other", Area).ReadAsync())
            .AssertError(400, "javascript function update command error: Script id area is not consistent with the entry key other.");
    }

    [Test]
    public async Task Imported_functions_are_listed()
    {
        await Client.ImportContentAsync(EkuiperClient.SeedExample);

        var (_, description) = await Client.GetAsync("/udf/javascript/area").ReadAsync();

        Assert.That(await Client.GetNamesAsync("/udf/javascript"), Is.EqualTo(new[] { "area" }));
        Assert.That(description.GetProperty("description").GetString(), Is.EqualTo("calculate area"));
        Assert.That(JsonSerializer.Serialize(description.GetProperty("isAgg").GetBoolean()), Is.EqualTo("false"));
    }
}
