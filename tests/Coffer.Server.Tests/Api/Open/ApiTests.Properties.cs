using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task One_property_is_read_as_a_value_on_both_the_single_and_double_slash_paths()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        foreach (var separator in (string[])["/", "//"])
        {
            var value = await Client.GetAsync($"{environment.Path}/open{separator}{id}?property=greeting").JsonAsync();
            Assert.Equal(["trace", "value"], value.Keys());
            Assert.Equal("hello world", (string)value["value"]!);
        }
    }

    [DatabaseFact]
    public async Task Property_paths_reach_nested_keys_indices_and_quoted_keys()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        (string Path, string Expected)[] cases =
        [
            ("nested.deeper.value", "\"found\""),
            ("nested.list[1]", "\"two\""),
            ("nested[\"key with spaces\"]", "\"spaced\""),
            ("[\"nested\"].deeper[\"value\"]", "\"found\""),
            ("environmentVariables.GREETING", "\"hello world\""),
            ("nested.list", "[1,\"two\",true]"),
            ("nested.deeper", "{\"value\":\"found\"}"),
        ];
        foreach (var (path, expected) in cases)
        {
            var value = await Client.GetAsync($"{environment.Path}/open//{id}?property={Uri.EscapeDataString(path)}").JsonAsync();
            AssertJson(expected, Plain(value));
        }
    }

    [DatabaseFact]
    public async Task A_form_encoded_property_path_with_plus_for_space_is_understood()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        var value = await Client.GetAsync($"{environment.Path}/open//{id}?property=nested%5B%22key+with+spaces%22%5D").JsonAsync();

        Assert.Equal("spaced", (string)value["value"]!);
    }

    [DatabaseFact]
    public async Task A_secret_property_is_revealed_and_flagged()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        var value = await Client.GetAsync($"{environment.Path}/open//{id}?property=password").JsonAsync();

        Assert.Equal("s3cret", (string)value["value"]!);
        Assert.True((bool)value["secret"]!);
    }

    [DatabaseFact]
    public async Task An_unknown_property_is_404()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        foreach (var path in (string[])["missing", "nested.missing", "nested.list[3]", "name.deeper", "nested.list.x", "nested[0]"])
        {
            await Client.GetAsync($"{environment.Path}/open//{id}?property={Uri.EscapeDataString(path)}").ErrorAsync(HttpStatusCode.NotFound);
        }
    }

    [DatabaseFact]
    public async Task A_property_path_with_bad_syntax_is_400()
    {
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        foreach (var path in (string[])["nested[", "nested[\"unclosed", "nested[x]", "nested..deeper", "nested[-1]"])
        {
            await Client.GetAsync($"{environment.Path}/open//{id}?property={Uri.EscapeDataString(path)}").ErrorAsync(HttpStatusCode.BadRequest);
        }
    }

    [DatabaseFact]
    public async Task Reading_a_property_of_an_empty_environment_is_404()
    {
        var environment = await NewEnvironmentAsync();
        var id = await OpenAsync(environment);

        await Client.GetAsync($"{environment.Path}/open//{id}?property=anything").ErrorAsync(HttpStatusCode.NotFound);
    }

    [DatabaseFact]
    public async Task Property_paths_take_escaped_quotes_and_root_keys_with_spaces_as_eso_writes_them()
    {
        var environment = await NewEnvironmentAsync("values:\n  'root key':\n    nested: n\n  obj:\n    'key with \"escaped\" quotes': q\n    array: [a, b]\n");
        var id = await OpenAsync(environment);

        (string Path, string Expected)[] cases =
        [
            ("[\"root key\"].nested", "n"),
            ("obj[\"key with \\\"escaped\\\" quotes\"]", "q"),
            ("obj.array[0]", "a"),
        ];
        foreach (var (path, expected) in cases)
        {
            Assert.Equal(expected, (string)(await Client.GetAsync($"{environment.Path}/open//{id}?property={Uri.EscapeDataString(path)}").JsonAsync())["value"]!);
        }
    }
}
