import { ref } from 'vue';
import { registerPushSubscription } from '../services/notificationsService.ts';

/** The VAPID public key (base64url) as the bytes `pushManager.subscribe` expects. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

/** Opting this phone in to push notifications: asks the browser, registers the service worker, tells the server. */
export function usePushSubscription() {
  const supported =
    typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;
  const problem = ref<string | null>(null);

  async function subscribe(vapidPublicKey: string): Promise<boolean> {
    problem.value = null;
    if ((await Notification.requestPermission()) !== 'granted') {
      problem.value = 'notifications.push.denied';
      return false;
    }
    const registration = await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(vapidPublicKey),
    });
    await registerPushSubscription(subscription.toJSON());
    return true;
  }

  return { supported, problem, subscribe };
}
