using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Composition;

/// <summary>
/// <see cref="StorageOptions"/> for the commands that run without the <c>serve</c> host (<c>run</c>,
/// <c>models list</c>, <c>demo</c>…): the same sources as <c>serve</c> — appsettings.json beside the
/// executable, overridden by environment variables — validated with every error listed.
/// </summary>
public static class StorageConfiguration
{
    public static StorageOptions Load()
    {
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return Bind(configuration);
    }

    /// <exception cref="OptionsValidationException">The section is invalid; <see cref="OptionsValidationException.Failures"/> lists every problem.</exception>
    public static StorageOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        ValidateOptionsResult result = new StorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), result.Failures);
        }

        return options;
    }
}
