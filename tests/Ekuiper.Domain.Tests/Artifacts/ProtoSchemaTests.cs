using Ekuiper.Domain.Artifacts;

namespace Ekuiper.Domain.Tests.Artifacts;

public sealed class ProtoSchemaTests
{
    [Test]
    public void A_proto3_file_with_nesting_enums_oneofs_maps_and_services_is_read()
    {
        const string proto = """
            syntax = "proto3";
            package demo.v1;
            import public "google/protobuf/timestamp.proto";
            option go_package = "example.com/demo" "/v1";
            option (my.ext).flag = { a: 1 b: { c: "x" } };

            /* A person,
               with an address. */
            message Person {
              string name = 1;
              optional int32 age = 2 [deprecated = true, json_name = "years"];
              repeated .demo.v1.Person.Address addresses = 3;
              map<string, google.protobuf.Timestamp> seen = 4;
              oneof contact { string email = 5; string phone = 6; }
              reserved 7, 9 to 11;
              reserved "old";
              message Address { string city = 1; }
              enum Kind { option allow_alias = true; UNKNOWN = 0; OTHER = -1 [deprecated = true]; }
            }

            service People {
              option (svc) = "x";
              rpc Get (Person) returns (Person);
              rpc Watch (stream Person) returns (stream Person) { option (http) = { get: "/p" }; }
            }
            """;

        var result = ProtoSchema.Parse(proto);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value!.Syntax, Is.EqualTo("proto3"));
        Assert.That(result.Value.Messages, Is.EqualTo(new[] { "Person", "Person.Address" }));
        Assert.That(result.Value.Rpcs, Is.EqualTo(new[] { "Get", "Watch" }));
    }

    [Test]
    public void The_syntax_line_is_optional_and_proto2_groups_and_extensions_are_read()
    {
        var result = ProtoSchema.Parse("message A { required int32 x = 1; optional group G = 2 { optional int32 y = 3; } extensions 100 to max; }\nextend A { optional int32 z = 100; }");

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value!.Syntax, Is.Null);
        Assert.That(result.Value.Messages, Is.EqualTo(new[] { "A", "A.G" }));
    }

    [TestCase("syntax = \"proto3\";\nmessage Book {\n  string title = 1;\n", "line 2: message Book is never closed: expected \"}\"")]
    [TestCase("message Book {\n  string title 1;\n}", "line 2: expected \"=\" after field name title, found \"1\"")]
    [TestCase("message Book {\n  string title = ;\n}", "line 2: expected the number of field title, found \";\"")]
    [TestCase("message Book { string title = 1 }", "line 1: expected \";\" after field title, found \"}\"")]
    [TestCase("message Book { }\n}", "line 2: unexpected \"}\": expected syntax, package, import, option, message, enum, service or extend")]
    [TestCase("message { }", "line 1: expected a message name, found \"{\"")]
    [TestCase("syntax = \"proto4\";", "line 1: unrecognized syntax \"proto4\": use \"proto2\" or \"proto3\"")]
    [TestCase("message A {}\nsyntax = \"proto3\";", "line 2: syntax must be the first statement of the file")]
    [TestCase("service S { rpc Get (A) returns B; }", "line 1: expected \"(\" before the response type of rpc Get, found \"B\"")]
    [TestCase("service S { message A {} }", "line 1: unexpected \"message\" in service S: expected rpc, option or \"}\"")]
    [TestCase("/* never closed\nmessage A {}", "line 1: the comment /* is never closed with */")]
    [TestCase("message A { string s = 1 [default = \"x]; }", "line 1: a string is never closed")]
    [TestCase("message A { int32 #x = 1; }", "line 1: unexpected character '#'")]
    [TestCase("enum E { A = 0 }", "line 1: expected \";\" after enum value A, found \"}\"")]
    public void A_malformed_file_is_refused_with_its_line(string proto, string expected)
    {
        Assert.That(ProtoSchema.Parse(proto).Error, Is.EqualTo(expected));
    }

    [Test]
    public void An_empty_file_is_syntactically_valid_but_declares_nothing()
    {
        var result = ProtoSchema.Parse("// nothing here\n");

        Assert.That(result.Value!.Messages, Is.Empty);
        Assert.That(result.Value.Services, Is.Empty);
    }
}
