using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Ekuiper.Tests.Shared;

/// <summary>Small plugin, service and schema packages made in the tests, shaped as eKuiper expects them.</summary>
public static class PackageZips
{
    public const int Executable = 0b111_101_101; // rwxr-xr-x

    public const string BookProto = """
        syntax = "proto3";
        package bookstore;

        // A book on the shelf.
        message Book {
          int64 id = 1;
          string title = 2;
          repeated string authors = 3 [packed = true];
          map<string, string> labels = 4;
        }

        message BookRequest { int64 id = 1; }

        service Shelf {
          rpc GetBook (BookRequest) returns (Book);
          rpc ListBooks (BookRequest) returns (stream Book) {}
        }
        """;

    /// <summary>A zip of text entries; an entry may carry Unix permission bits (e.g. <see cref="Executable"/>).</summary>
    public static byte[] Zip(params (string Name, string Content, int Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = archive.CreateEntry(name);
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                if (mode != 0)
                {
                    entry.ExternalAttributes = mode << 16;
                }
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Name, string Content)[] entries) =>
        Zip(entries.Select(e => (e.Name, e.Content, 0)).ToArray());

    /// <summary>A native plugin: name.so, plus name.yaml for a source, plus a metadata name.json listing <paramref name="metadataFunctions"/>.</summary>
    public static byte[] NativePlugin(string kind, string name, params string[] metadataFunctions)
    {
        var entries = new List<(string, string)> { ($"{name}.so", $"ELF pretend library of {name}") };
        if (kind == "sources")
        {
            entries.Add(($"{name}.yaml", "default:\n  interval: 1000\n"));
        }
        if (metadataFunctions.Length > 0)
        {
            var functions = string.Join(",", metadataFunctions.Select(f => $"{{\"name\":\"{f}\"}}"));
            entries.Add(($"{name}.json", $"{{\"about\":{{\"trial\":false}},\"functions\":[{functions}]}}"));
        }
        return Zip(entries.ToArray());
    }

    /// <summary>A portable plugin: its manifest name.json, its executable and, for each source, sources/&lt;source&gt;.yaml.</summary>
    public static byte[] PortablePlugin(string name, string[] functions, string[]? sources = null, string manifestName = "", string[]? sinks = null)
    {
        sources ??= [];
        var manifest = $"{{\"name\":\"{(manifestName.Length > 0 ? manifestName : name)}\",\"version\":\"v1.0.0\",\"language\":\"go\"," +
                       $"\"executable\":\"bin/{name}\",\"sources\":[{Quoted(sources)}],\"sinks\":[{Quoted(sinks ?? [])}],\"functions\":[{Quoted(functions)}]}}";
        return PortablePluginWithManifest(name, manifest, sources);
    }

    /// <summary>A portable plugin with the manifest given as it is: its executable is bin/&lt;name&gt;, and each of <paramref name="sources"/> gets its yaml.</summary>
    public static byte[] PortablePluginWithManifest(string name, string manifest, params string[] sources)
    {
        var entries = new List<(string, string, int)> { ($"{name}.json", manifest, 0), ($"bin/{name}", "#!/bin/sh\necho plugin\n", Executable) };
        entries.AddRange(sources.Select(s => ($"sources/{s}.yaml", "default: {}\n", 0)));
        return Zip(entries.ToArray());
    }

    /// <summary>An external service: the descriptor name.json with one grpc interface over schemas/book.proto.</summary>
    public static byte[] Service(string name, string functionMappings = "[{\"name\":\"getBook\",\"serviceName\":\"GetBook\"}]", string proto = BookProto) =>
        Zip(($"{name}.json",
                $"{{\"about\":{{\"author\":{{\"name\":\"tests\"}}}},\"interfaces\":{{\"shelf\":{{\"address\":\"tcp://localhost:50051\"," +
                $"\"protocol\":\"grpc\",\"schemaType\":\"protobuf\",\"schemaFile\":\"book.proto\",\"functions\":{functionMappings}}}}}}}"),
            ("schemas/book.proto", proto));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Quoted(IEnumerable<string> names) => string.Join(",", names.Select(n => $"\"{n}\""));
}
