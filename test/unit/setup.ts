import da from '../../public/_locales/da/messages.json';
import { setMessagesForTesting } from '../../src/shared/i18n';

// Unit tests read the Danish messages directly; real browsers use chrome.i18n.
setMessagesForTesting(da);
