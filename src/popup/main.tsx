import { render } from 'preact';
import browser from 'webextension-polyfill';
import { t, uiLanguage } from '../shared/i18n';
import '../ui/base.css';
import './popup.css';
import { Popup } from './Popup';
import { browserPortalTab } from './portalTab';

document.documentElement.lang = uiLanguage();
document.title = t('extName');

render(<Popup openOptions={() => void browser.runtime.openOptionsPage()} portalTab={browserPortalTab} />, document.getElementById('app')!);
