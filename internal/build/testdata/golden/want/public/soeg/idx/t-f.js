window.labyrintSearch.load("t-f",{"fortæl":"Fpa ler","får":"D5L"});
