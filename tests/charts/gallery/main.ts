/** Mounts the chart gallery with the portal's own styles, as the app shows its charts. */
import { mount } from 'svelte';
import '$lib/styles/app.css';
import Gallery from './Gallery.svelte';

mount(Gallery, { target: document.getElementById('app')! });
