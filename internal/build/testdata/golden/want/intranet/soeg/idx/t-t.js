window.labyrintSearch.load("t-t",{"tekst":"IxA en","test":"A4f","tror":"E7F"});
