using 'main.bicep'

param appName = 'newspipe'
param rescoreSchedule = '0 */15 * * * *'
param maxFileBytes = 5242880
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param enableEventGridSubscription = false
