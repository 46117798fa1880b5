using System.Text.RegularExpressions;
using CascadeDistill.SqlServer;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Composition;

/// <summary>Checks <see cref="StorageOptions"/>; every problem is reported together, each with its configuration path. Secrets are never echoed.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var provider = options.Provider?.Trim() ?? "";
        if (!string.Equals(provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(provider, StorageOptions.SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{StorageOptions.Section}:Provider '{options.Provider}' is not one of: {StorageOptions.SqliteProvider}, {StorageOptions.SqlServerProvider}.");
        }

        if (options.UsesSqlServer)
        {
            errors.AddRange(SqlServerRegistryOptionsValidator.Validate(options.SqlServer ?? new SqlServerRegistryOptions(), $"{StorageOptions.Section}:SqlServer"));
            if (!SqlIdentifier().IsMatch(options.HangfireSchema ?? ""))
            {
                errors.Add($"{StorageOptions.Section}:HangfireSchema '{options.HangfireSchema}' must be 1-128 letters, digits or '_', starting with a letter.");
            }
            else if (string.Equals(options.HangfireSchema, SqlServer.Migrations.SqlServerMigrator.Schema, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{StorageOptions.Section}:HangfireSchema must differ from the product's schema '{SqlServer.Migrations.SqlServerMigrator.Schema}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,127}$")]
    private static partial Regex SqlIdentifier();
}
