using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Definitions;
using Ekuiper.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>POST /schemas/{type}, GET|PUT|DELETE /schemas/{type}/{name} and the multipart upload, as eKuiper answers them.</summary>
public sealed class SchemaEndpointsTests : ServerTest
{
    private const string BookText = "message Book {required string title = 1;}";
    private const string Book = """{"name":"book","content":"message Book {required string title = 1;}"}""";
    private const string BookEntry = """{"type":"protobuf","name":"book","content":"message Book {required string title = 1;}"}""";

    private string InstalledPath(string file) => Path.Combine(Factory.DataDirectory, "schemas", "protobuf", file);

    private Task<HttpResponseMessage> UploadAsync(string name, string fileName, string content, string? version = null, string type = "protobuf") =>
        UploadAsync(name, fileName, Encoding.UTF8.GetBytes(content), version, type);

    private Task<HttpResponseMessage> UploadAsync(string name, string fileName, byte[] content, string? version = null, string type = "protobuf")
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
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

    private const string ShelfProto = "syntax = \"proto3\";\nimport \"shelf/common.proto\";\nmessage Shelf { Common common = 1; }\n";

    /// <summary>A zip as eKuiper's schema upload takes it: name.proto, its supporting folder name/, and a file it ignores.</summary>
    private static byte[] ShelfZip(string protoName = "shelf.proto") => PackageZips.Zip(
        (protoName, ShelfProto),
        ("shelf/common.proto", "syntax = \"proto3\";\nmessage Common { string id = 1; }\n"),
        ("shelf/notes/readme.txt", "supporting"),
        ("ignored.txt", "not the schema's"));

    [Test]
    public async Task Upload_of_a_zip_installs_the_schema_and_its_supporting_folder()
    {
        using var created = await UploadAsync("shelf", "schema.zip", ShelfZip(), "1");
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo("/schemas/protobuf/shelf"));
        Assert.That(await created.Content.ReadAsStringAsync(), Is.EqualTo("""{"type":"protobuf","name":"shelf"}"""));

        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf.proto")), Is.EqualTo(ShelfProto));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf/common.proto")), Does.Contain("message Common"));
        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf/notes/readme.txt")), Is.EqualTo("supporting"));
        Assert.That(File.Exists(InstalledPath("ignored.txt")), Is.False);
        var (status, described) = await Client.GetAsync("/schemas/protobuf/shelf").ReadAsync();
        Assert.That(status, Is.EqualTo(200));
        Assert.That(described.GetProperty("content").GetString(), Is.EqualTo(ShelfProto));
        var entry = JsonSerializer.Serialize(new { type = "protobuf", name = "shelf", content = ShelfProto, version = "1" },
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.That((await Client.ExportSectionsAsync())["Schema"]["protobuf_shelf"], Is.EqualTo(entry));
        // Every server on the store installs the schema from its bundle: the supporting folder is in it.
        Assert.That(await StoredBundleEntriesAsync("protobuf_shelf"), Is.EqualTo(new[]
        {
            "schemas/protobuf/shelf.proto", "schemas/protobuf/shelf/common.proto", "schemas/protobuf/shelf/notes/readme.txt",
        }));

        var export = await Client.ExportAsync();
        using var again = await UploadAsync("shelf", "again.zip", ShelfZip(), "1");
        Assert.That((int)again.StatusCode, Is.EqualTo(200));
        Assert.That(await Client.ExportAsync(), Is.EqualTo(export));

        // A .proto in its place takes the supporting folder with the old file.
        Assert.That((int)(await UploadAsync("shelf", "shelf.proto", "message Flat {}", "2")).StatusCode, Is.EqualTo(200));
        Assert.That(Directory.Exists(InstalledPath("shelf")), Is.False);
        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf.proto")), Is.EqualTo("message Flat {}"));
    }

    [Test]
    public async Task Upload_of_a_zip_without_the_schema_file_or_not_a_zip_changes_nothing()
    {
        (await UploadAsync("shelf", "schema.zip", ShelfZip("other.proto")).ReadAsync())
            .AssertError(400, "schema upsert error: fail to install schema: schema file shelf.proto not found inside the zip");
        (await UploadAsync("shelf", "schema.zip", "not a zip").ReadAsync())
            .AssertError(400, "schema upsert error: fail to install schema: zip: not a valid zip file");
        (await UploadAsync("shelf", "schema.zip", PackageZips.Zip(("shelf.proto", "message {"))).ReadAsync())
            .AssertError(400, "schema upsert error: fail to install schema: invalid protobuf file shelf.proto: line 1: expected a message name, found \"{\"");

        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "schemas", "protobuf")) &&
                    Directory.EnumerateFileSystemEntries(Path.Combine(Factory.DataDirectory, "schemas", "protobuf")).Any(), Is.False);
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, ".staging")) &&
                    Directory.EnumerateFileSystemEntries(Path.Combine(Factory.DataDirectory, ".staging")).Any(), Is.False);
        using var scope = Factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>().ArtifactBlobs.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Upload_of_a_zip_compares_the_version_before_it_opens_the_zip()
    {
        Assert.That((int)(await UploadAsync("shelf", "schema.zip", ShelfZip(), "2")).StatusCode, Is.EqualTo(201));

        (await UploadAsync("shelf", "schema.zip", "not a zip", "1").ReadAsync())
            .AssertError(400, "schema upsert error: schema protobuf.shelf already registered with a newer version 2");
        Assert.That(await File.ReadAllTextAsync(InstalledPath("shelf/common.proto")), Does.Contain("message Common"));
    }

    [Test]
    public async Task Upload_takes_only_a_multipart_form()
    {
        var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("not multipart"));
        noBoundary.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        var (status, _) = await Client.PutAsync("/schemas/protobuf/valid_name/upload", noBoundary).ReadAsync();
        Assert.That(status, Is.EqualTo(400));

        var malformed = new ByteArrayContent(Encoding.UTF8.GetBytes("not multipart"));
        malformed.Headers.TryAddWithoutValidation("Content-Type", "%%%");
        Assert.That((await Client.PutAsync("/schemas/protobuf/valid_name/upload", malformed).ReadAsync()).Item1, Is.EqualTo(415));

        var urlEncoded = new FormUrlEncodedContent([new KeyValuePair<string, string>("file", "message A {}")]);
        (await Client.PutAsync("/schemas/protobuf/valid_name/upload", urlEncoded).ReadAsync())
            .AssertError(415, "Invalid content type: content type must be multipart/form-data");
        var bare = new ByteArrayContent(Encoding.UTF8.GetBytes("message A {}"));
        Assert.That((await Client.PutAsync("/schemas/protobuf/valid_name/upload", bare).ReadAsync()).Item1, Is.EqualTo(415));

        Assert.That(await Client.GetNamesAsync("/schemas/protobuf"), Is.Empty);
    }

    private async Task<List<string>> StoredBundleEntriesAsync(string key)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IEkuiperDbContext>();
        var row = await db.Artifacts.AsNoTracking().SingleAsync(a => a.Kind == ArtifactKind.Schema && a.Key == key);
        var bundle = await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == row.Sha256).Select(b => b.Content).SingleAsync();
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).ToList();
    }
}
