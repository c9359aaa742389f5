using System.Text;
using System.Text.Json;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /schemas/{type}, GET|PUT|DELETE /schemas/{type}/{name} and the multipart upload, as eKuiper answers them.</summary>
public sealed class SchemaEndpointsTests : ServerTest
{
    private const string BookText = "message Book {required string title = 1;}";
    private const string Book = """{"name":"book","content":"message Book {required string title = 1;}"}""";
    private const string BookEntry = """{"type":"protobuf","name":"book","content":"message Book {required string title = 1;}"}""";

    private string InstalledPath(string file) => Path.Combine(Factory.DataDirectory, "schemas", "protobuf", file);

    private Task<HttpResponseMessage> UploadAsync(string name, string fileName, string content, string? version = null, string type = "protobuf")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName);
        if (version is not null)
        {
            form.Add(new StringContent(version), "version");
        }
        return Client.PutAsync($"/schemas/{type}/{name}/upload", form);
    }

    [Test]
    public async Task A_created_schema_is_installed_described_exported_and_deleted()
    {
        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", Book).ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, "protobuf schema book is created")));
        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.EqualTo(new[] { "book" }));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("book.proto")), Is.EqualTo(BookText));
        var (described, body) = await Client.GetAsync("/schemas/protobuf/book").ReadTextAsync();
        Assert.That((described, body), Is.EqualTo((200,
            $$"""{"type":"protobuf","name":"book","content":"message Book {required string title = 1;}","file":{{JsonSerializer.Serialize(InstalledPath("book.proto"))}}}""")));
        Assert.That((await Client.ExportSectionsAsync())["Schema"]["protobuf_book"], Is.EqualTo(BookEntry));

        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", Book).ReadAsync())
            .AssertError(400, "schema create command error: schema protobuf.book already registered");

        Assert.That(await Client.DeleteAsync("/schemas/protobuf/book").ReadTextAsync(), Is.EqualTo((200, "protobuf schema book is deleted")));
        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.Empty);
        Assert.That((await Client.ExportSectionsAsync())["Schema"], Is.Empty);
        (await Client.GetAsync("/schemas/protobuf/book").ReadAsync()).AssertError(400, "schema type protobuf id book not found in registry");
        (await Client.DeleteAsync("/schemas/protobuf/book").ReadAsync())
            .AssertError(400, "delete protobuf schema book error: schema protobuf.book not found");
    }

    [Test]
    public async Task A_schema_created_over_rest_is_stored_as_the_import_of_its_entry_stores_it()
    {
        Assert.That((await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", Book).ReadTextAsync()).Item1, Is.EqualTo(201));
        var viaRest = await Client.ExportAsync();
        var describedViaRest = await Client.GetAsync("/schemas/protobuf/book").ReadTextAsync();
        Assert.That(await Client.DeleteAsync("/schemas/protobuf/book").ReadTextAsync(), Is.EqualTo((200, "protobuf schema book is deleted")));

        var (imported, report) = await Client.ImportContentAsync(EkuiperClient.Document(("Schema", "protobuf_book", BookEntry))).ReadAsync();

        Assert.That(imported, Is.EqualTo(200), report.ToString());
        Assert.That(await Client.ExportAsync(), Is.EqualTo(viaRest));
        Assert.That(await Client.GetAsync("/schemas/protobuf/book").ReadTextAsync(), Is.EqualTo(describedViaRest));
    }

    [Test]
    public async Task A_schema_from_a_file_uri_is_fetched_and_recorded_by_its_uri()
    {
        var uri = WriteFixture("shelf.proto", Encoding.UTF8.GetBytes("message Shelf {required int32 id = 1;}"));

        var (status, text) = await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", $$"""{"name":"shelf","file":"{{uri}}"}""").ReadTextAsync();

        Assert.That((status, text), Is.EqualTo((201, "protobuf schema shelf is created")));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf.proto")), Is.EqualTo("message Shelf {required int32 id = 1;}"));
        Assert.That((await Client.ExportSectionsAsync())["Schema"]["protobuf_shelf"], Is.EqualTo($$"""{"type":"protobuf","name":"shelf","file":"{{uri}}"}"""));
    }

    [Test]
    public async Task Refused_schemas_change_nothing()
    {
        var (status, body) = await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", """{"name":"bad","content":"message {"}""").ReadAsync();
        Assert.That(status, Is.EqualTo(400), body.ToString());
        Assert.That(body.GetProperty("message").GetString(), Does.StartWith("schema create command error: fail to install schema: invalid protobuf file bad.proto"));
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", """{"name":"a b","content":"message A {}"}""").ReadAsync())
            .AssertError(400, "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", """{"name":"x","content":"a","file":"file:///x.proto"}""").ReadAsync())
            .AssertError(400, "Invalid body: cannot specify both content and file");
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", """{"content":"message A {}"}""").ReadAsync())
            .AssertError(400, "Invalid body: name is required");
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/xml", """{"name":"x","content":"a"}""").ReadAsync())
            .AssertError(400, "Invalid body: unsupported schema type xml");
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/custom", """{"name":"x"}""").ReadAsync())
            .AssertError(400, "Invalid body: soFile is required");
        (await Client.SendTextAsync(HttpMethod.Post, "/schemas/protobuf", """{"name":1}""").ReadAsync())
            .AssertError(400, "Invalid body: Error decoding schema json: json: cannot unmarshal number into Go struct field Info.name of type string");

        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.Empty);
        Assert.That(File.Exists(InstalledPath("bad.proto")), Is.False);
        Assert.That((await Client.ExportSectionsAsync())["Schema"], Is.Empty);
    }

    [Test]
    public async Task Put_replaces_or_creates_and_refuses_another_name_or_an_older_version()
    {
        var (created, text) = await Client.SendTextAsync(HttpMethod.Put, "/schemas/protobuf/book",
            """{"content":"message Book {required string title = 1;}","version":"2"}""").ReadTextAsync();
        Assert.That((created, text), Is.EqualTo((200, "protobuf schema book is updated")));

        (await Client.SendTextAsync(HttpMethod.Put, "/schemas/protobuf/book", """{"name":"other","content":"message A {}"}""").ReadAsync())
            .AssertError(400, "Invalid body: Type or name does not match");
        (await Client.SendTextAsync(HttpMethod.Put, "/schemas/protobuf/book", """{"content":"message Old {}","version":"1"}""").ReadAsync())
            .AssertError(400, "schema update command error: schema protobuf.book already registered with a newer version 2");
        Assert.That(await File.ReadAllTextAsync(InstalledPath("book.proto")), Is.EqualTo(BookText));

        Assert.That(await Client.SendTextAsync(HttpMethod.Put, "/schemas/protobuf/book", """{"content":"message Newer {}","version":"3"}""").ReadTextAsync(),
            Is.EqualTo((200, "protobuf schema book is updated")));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("book.proto")), Is.EqualTo("message Newer {}"));
        Assert.That((await Client.ExportSectionsAsync())["Schema"]["protobuf_book"],
            Is.EqualTo("""{"type":"protobuf","name":"book","content":"message Newer {}","version":"3"}"""));
        (await Client.GetAsync("/schemas/protobuf/a.b").ReadAsync())
            .AssertError(400, "id 'a.b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
    }

    [Test]
    public async Task Upload_creates_then_replaces_with_location_and_refuses_an_older_version()
    {
        using var first = await UploadAsync("book", "first.proto", "message First { required string name = 1; }", "1");
        Assert.That((int)first.StatusCode, Is.EqualTo(201));
        Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(first.Headers.Location?.OriginalString, Is.EqualTo("/schemas/protobuf/book"));
        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("""{"type":"protobuf","name":"book"}"""));

        using var second = await UploadAsync("book", "second.proto", "message Second { required int32 id = 1; }", "1");
        Assert.That((int)second.StatusCode, Is.EqualTo(200));
        Assert.That(second.Headers.Location?.OriginalString, Is.EqualTo("/schemas/protobuf/book"));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("book.proto")), Is.EqualTo("message Second { required int32 id = 1; }"));
        Assert.That((await Client.ExportSectionsAsync())["Schema"]["protobuf_book"],
            Is.EqualTo("""{"type":"protobuf","name":"book","content":"message Second { required int32 id = 1; }","version":"1"}"""));

        Assert.That((int)(await UploadAsync("book", "third.proto", "message Third {}", "2")).StatusCode, Is.EqualTo(200));
        (await UploadAsync("book", "older.proto", "message Older {}", "1").ReadAsync())
            .AssertError(400, "schema upsert error: schema protobuf.book already registered with a newer version 2");
        Assert.That(await File.ReadAllTextAsync(InstalledPath("book.proto")), Is.EqualTo("message Third {}"));
    }

    [Test]
    public async Task Upload_refuses_what_eKuiper_refuses()
    {
        var notMultipart = new StringContent("not multipart", Encoding.UTF8, "text/plain");
        (await Client.PutAsync("/schemas/protobuf/bad.name/upload", notMultipart).ReadAsync())
            .AssertError(400, "id 'bad.name' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        (await Client.PutAsync("/schemas/protobuf/valid_name/upload", new StringContent("not multipart", Encoding.UTF8, "text/plain")).ReadAsync())
            .AssertError(415, "Invalid content type: content type must be multipart/form-data");
        var onlyVersion = new MultipartFormDataContent { { new StringContent("1"), "version" } };
        (await Client.PutAsync("/schemas/protobuf/valid_name/upload", onlyVersion).ReadAsync())
            .AssertError(400, "Invalid multipart body: file field is required");
        (await UploadAsync("valid_name", "schema.data", "schema", type: "unsupported").ReadAsync())
            .AssertError(400, "Invalid schema: unsupported schema type unsupported");

        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.Empty);
    }
}
