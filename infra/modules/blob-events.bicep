// The storage account's Event Grid system topic (an account has one), and the delivery of BlobDeleted events from the
// articles container to a storage queue that the RetractDeletedUpload queue trigger reads. A queue destination needs
// no key, so this is deployed in the first pass; the BlobCreated webhook (event-grid.bicep) joins it once the code runs.

param location string
param tags object
param storageAccountName string
param articlesContainer string
param deletionsQueue string
param deadLetterContainer string

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${storageAccountName}-events'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Event Grid writes undeliverable events to a container, and deleted-blob events to the queue, with its own identity:
// no key anywhere.
var eventWriterRoles = [
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor: the dead-letter container
  'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' // Storage Queue Data Message Sender: the deletions queue
]

resource eventWriters 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in eventWriterRoles: {
    scope: account
    name: guid(account.id, systemTopic.id, role)
    properties: {
      principalId: systemTopic.identity.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource deletions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'article-deletions-to-queue'
  dependsOn: [
    eventWriters
  ]
  properties: {
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: deletionsQueue
          // A week: the reconcile timer handles any delete whose event expires unread.
          queueMessageTimeToLiveInSeconds: 604800
        }
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobDeleted'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${articlesContainer}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: account.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}

output systemTopicName string = systemTopic.name
