window.labyrintSearch.load("t-h",{"hjælp":"CqaAwV er","hvornår":"Fpa"});
