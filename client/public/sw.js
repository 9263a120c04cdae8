// Concerto's service worker: shows Web Push notifications (who, what kind; never content) and opens
// Concerto at the notification's link when tapped.
self.addEventListener('push', (event) => {
  const message = event.data ? event.data.json() : { title: 'Concerto', body: '', url: '/' };
  event.waitUntil(
    self.registration.showNotification(message.title || 'Concerto', {
      body: message.body || '',
      data: { url: message.url || '/' },
      icon: '/favicon.svg',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data?.url || '/'));
});
