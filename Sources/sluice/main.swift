import SluiceCommand
import SluicePlugins

// The shipped `sluice`: the command line with every plugin that ships with Sluice.
await SluiceCommandLine.main { try ShippedPlugins.registry() }
