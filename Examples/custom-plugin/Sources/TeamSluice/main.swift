import SluiceCommand
import SluicePlugins
import TeamPlugins

// `sluice` with every shipped plugin and this package's own: every subcommand knows them all.
await SluiceCommandLine.main {
    var plugins = try ShippedPlugins.registry()
    try plugins.register(transform: TeamsByEmail.self)
    return plugins
}
